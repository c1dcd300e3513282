package d2l.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a class file's calls to {@code System.exit(int)}, {@code Runtime.exit(int)} and
 * {@code Runtime.halt(int)} (calls, method references and lambdas alike) at {@link ExitGuard}.
 * Works on any class-file version and without a SecurityManager (gone in JDK 24+): each such
 * method reference in the constant pool gets {@code ExitGuard} as its class, and for the two
 * {@code Runtime} methods the receiver becomes the first argument of a static method, so their
 * {@code invokevirtual} opcodes become {@code invokestatic}. Instruction lengths and stack effects
 * stay the same, so nothing else in the class changes.
 */
final class ExitCallRewriter {
    private static final String GUARD = ExitGuard.class.getName().replace('.', '/');
    private static final String RUNTIME_GUARD_TYPE = "(Ljava/lang/Runtime;I)V";

    private static final int UTF8 = 1, CLASS = 7, METHODREF = 10, NAME_AND_TYPE = 12, METHOD_HANDLE = 15;
    private static final int INVOKEVIRTUAL = 0xb6, INVOKESTATIC = 0xb8;
    private static final int REF_INVOKE_VIRTUAL = 5, REF_INVOKE_STATIC = 6;

    private ExitCallRewriter() {}

    /** The rewritten class, or {@code classFile} itself when it makes no such call (or cannot be read). */
    static byte[] rewrite(byte[] classFile) {
        try {
            return new Rewrite(classFile).run();
        } catch (RuntimeException e) {
            // Not a class file this reader understands: leave it exactly as it was.
            return classFile;
        }
    }

    private static final class Rewrite {
        final byte[] in;
        final int count;
        final int[] offsets;
        final int end;

        Rewrite(byte[] classFile) {
            in = classFile;
            if (u4(0) != 0xCAFEBABE) throw new IllegalArgumentException("not a class file");
            count = u2(8);
            offsets = new int[count];
            int p = 10;
            for (int i = 1; i < count; i++) {
                offsets[i] = p;
                int tag = in[p] & 0xFF;
                p += switch (tag) {
                    case UTF8 -> 3 + u2(p + 1);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
                    case 5, 6 -> 9;
                    case 7, 8, 16, 19, 20 -> 3;
                    case METHOD_HANDLE -> 4;
                    default -> throw new IllegalArgumentException("constant tag " + tag);
                };
                if (tag == 5 || tag == 6) i++; // longs and doubles take two slots
            }
            end = p;
        }

        byte[] run() {
            var staticExits = new ArrayList<Integer>();
            var runtimeCalls = new HashMap<Integer, String>(); // Methodref index -> exit or halt
            for (int i = 1; i < count; i++) {
                if (tag(i) != METHODREF) continue;
                int p = offsets[i];
                String owner = utf8(u2(offsets[u2(p + 1)] + 1));
                int nat = offsets[u2(p + 3)];
                String name = utf8(u2(nat + 1));
                String type = utf8(u2(nat + 3));
                if (!type.equals("(I)V")) continue;
                if (owner.equals("java/lang/System") && name.equals("exit")) staticExits.add(i);
                if (owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")))
                    runtimeCalls.put(i, name);
            }
            if (staticExits.isEmpty() && runtimeCalls.isEmpty()) return in;

            byte[] out = Arrays.copyOf(in, in.length);
            var added = new ByteArrayOutputStream();
            int next = count;
            int guardName = next++;
            utf8Entry(added, GUARD);
            int guardClass = next++;
            added.write(CLASS);
            write2(added, guardName);
            int runtimeType = 0;
            Map<String, Integer> runtimeNat = new HashMap<>();
            if (!runtimeCalls.isEmpty()) {
                runtimeType = next++;
                utf8Entry(added, RUNTIME_GUARD_TYPE);
            }
            for (int i : staticExits) put2(out, offsets[i] + 1, guardClass);
            for (var call : runtimeCalls.entrySet()) {
                int p = offsets[call.getKey()];
                int nameIndex = u2(offsets[u2(p + 3)] + 1);
                Integer nat = runtimeNat.get(call.getValue());
                if (nat == null) {
                    nat = next++;
                    added.write(NAME_AND_TYPE);
                    write2(added, nameIndex);
                    write2(added, runtimeType);
                    runtimeNat.put(call.getValue(), nat);
                }
                put2(out, p + 1, guardClass);
                put2(out, p + 3, nat);
            }
            // Method references (Runtime.getRuntime()::exit) call through a method handle constant.
            for (int i = 1; i < count; i++) {
                if (tag(i) == METHOD_HANDLE
                        && runtimeCalls.containsKey(u2(offsets[i] + 2))
                        && (in[offsets[i] + 1] & 0xFF) == REF_INVOKE_VIRTUAL) {
                    out[offsets[i] + 1] = (byte) REF_INVOKE_STATIC;
                }
            }
            if (!runtimeCalls.isEmpty()) flipInvokes(out, runtimeCalls.keySet());
            if (next > 0xFFFF) return in;

            var result = new ByteArrayOutputStream(in.length + added.size());
            result.write(out, 0, end);
            result.write(added.toByteArray(), 0, added.size());
            result.write(out, end, out.length - end);
            byte[] bytes = result.toByteArray();
            put2(bytes, 8, next);
            return bytes;
        }

        /** Turns {@code invokevirtual} of the given Methodrefs into {@code invokestatic}, in every method's code. */
        private void flipInvokes(byte[] out, java.util.Set<Integer> methodrefs) {
            int p = end + 6; // access flags, this class, super class
            p += 2 + 2 * u2(p); // interfaces
            p = skipMembers(p, null, null); // fields
            skipMembers(p, out, methodrefs); // methods
        }

        /** Walks fields or methods; for methods ({@code out} given), rewrites each Code attribute. */
        private int skipMembers(int p, byte[] out, java.util.Set<Integer> methodrefs) {
            int members = u2(p);
            p += 2;
            for (int m = 0; m < members; m++) {
                int attributes = u2(p + 6);
                p += 8;
                for (int a = 0; a < attributes; a++) {
                    int length = u4(p + 2);
                    if (out != null && utf8(u2(p)).equals("Code")) {
                        int code = p + 6 + 8;
                        flipInCode(out, code, u4(p + 6 + 4), methodrefs);
                    }
                    p += 6 + length;
                }
            }
            return p;
        }

        private void flipInCode(byte[] out, int code, int length, java.util.Set<Integer> methodrefs) {
            int pc = 0;
            while (pc < length) {
                int op = in[code + pc] & 0xFF;
                if (op == INVOKEVIRTUAL && methodrefs.contains(u2(code + pc + 1))) out[code + pc] = (byte) INVOKESTATIC;
                pc += instructionLength(code, pc, op);
            }
        }

        private int instructionLength(int code, int pc, int op) {
            return switch (op) {
                case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc -> 2;
                case 0x11,
                        0x13,
                        0x14,
                        0x84,
                        0xa7,
                        0xa8,
                        0xb2,
                        0xb3,
                        0xb4,
                        0xb5,
                        0xb6,
                        0xb7,
                        0xb8,
                        0xbb,
                        0xbd,
                        0xc0,
                        0xc1,
                        0xc6,
                        0xc7 -> 3;
                case 0xc5 -> 4;
                case 0xb9, 0xba, 0xc8, 0xc9 -> 5;
                case 0xc4 -> (in[code + pc + 1] & 0xFF) == 0x84 ? 6 : 4; // wide
                case 0xaa -> { // tableswitch
                    int q = code + pc + 1 + padding(pc);
                    yield q + 12 + 4 * (u4(q + 8) - u4(q + 4) + 1) - (code + pc);
                }
                case 0xab -> { // lookupswitch
                    int q = code + pc + 1 + padding(pc);
                    yield q + 8 + 8 * u4(q + 4) - (code + pc);
                }
                default -> {
                    if (op >= 0x99 && op <= 0xa6) yield 3; // conditional branches
                    if (op <= 0xca) yield 1;
                    throw new IllegalArgumentException("opcode " + op);
                }
            };
        }

        private static int padding(int pc) {
            return (4 - (pc + 1) % 4) % 4;
        }

        int tag(int index) {
            return offsets[index] == 0 ? 0 : in[offsets[index]] & 0xFF;
        }

        /** Names compared here are ASCII, where modified UTF-8 and UTF-8 agree. */
        String utf8(int index) {
            int p = offsets[index];
            if ((in[p] & 0xFF) != UTF8) throw new IllegalArgumentException("constant " + index + " is not text");
            return new String(in, p + 3, u2(p + 1), StandardCharsets.UTF_8);
        }

        int u2(int p) {
            return (in[p] & 0xFF) << 8 | in[p + 1] & 0xFF;
        }

        int u4(int p) {
            return (in[p] & 0xFF) << 24 | (in[p + 1] & 0xFF) << 16 | (in[p + 2] & 0xFF) << 8 | in[p + 3] & 0xFF;
        }
    }

    private static void utf8Entry(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(UTF8);
        write2(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void write2(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value);
    }

    private static void put2(byte[] bytes, int p, int value) {
        bytes[p] = (byte) (value >> 8);
        bytes[p + 1] = (byte) value;
    }
}
