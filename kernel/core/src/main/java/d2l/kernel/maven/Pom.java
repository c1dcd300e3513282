package d2l.kernel.maven;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What {@code %loadFromPOM} needs from a POM: its dependencies (with scope, type, classifier,
 * exclusions), its {@code <dependencyManagement>} and its repositories, with {@code ${...}}
 * properties filled in from {@code <properties>}, {@code project.*}, {@code env.*} and system
 * properties. A {@code <parent>} gives the project's groupId and version but is not itself read.
 *
 * <p>{@link #fromCell} follows IJava's rules for a cell: a lone {@code <project>} is the POM as it
 * is; anything else is a set of fragments, whose loose {@code <dependency>} and {@code <repository>}
 * elements and the children of {@code <dependencies>} and {@code <repositories>} are gathered into
 * a POM, other elements (say {@code <properties>}) kept as the project's.
 */
public record Pom(List<Dependency> dependencies, List<Dependency> managed, List<Repository> repositories) {
    /** The scopes {@code %loadFromPOM} takes when none are named (IJava's documented default). */
    public static final Set<String> DEFAULT_SCOPES = Set.of("compile", "runtime", "system", "import");

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern XML_DECLARATION = Pattern.compile("^\\s*<\\?xml[^>]*\\?>");

    public Pom {
        dependencies = List.copyOf(dependencies);
        managed = List.copyOf(managed);
        repositories = List.copyOf(repositories);
    }

    /** The dependencies whose scope is one of {@code scopes} ({@link #DEFAULT_SCOPES} if empty). */
    public List<Dependency> inScopes(Collection<String> scopes) {
        Set<String> wanted = scopes.isEmpty() ? DEFAULT_SCOPES : Set.copyOf(scopes);
        return dependencies.stream().filter(d -> wanted.contains(d.scope())).toList();
    }

    /** Reads a POM file ({@code %loadFromPOM path}); {@code ${basedir}} is its directory. */
    public static Pom read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no POM file at " + file);
        Element root = parse(Files.readString(file), file.toString()).getDocumentElement();
        if (!name(root).equals("project")) {
            throw new IllegalArgumentException(
                    file + " is not a POM: its root element is <" + name(root) + ">, not <project>");
        }
        return of(root, file.toAbsolutePath().getParent());
    }

    /** A {@code %%loadFromPOM} cell: a whole {@code <project>} or POM fragments. */
    public static Pom fromCell(String body, Path basedir) {
        return of(projectOf(body), basedir);
    }

    /** The cell as the POM that {@link #fromCell} reads (what IJava would write to a file). */
    public static String asPom(String body) {
        try {
            var out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(projectOf(body)), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element projectOf(String body) {
        String text = XML_DECLARATION.matcher(body).replaceFirst("");
        Element wrapper = parse("<cell>" + text + "</cell>", "the cell").getDocumentElement();
        var elements = children(wrapper);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("%%loadFromPOM needs a POM or POM fragments in the cell: <dependency>, "
                    + "<dependencies>, <repository>, <repositories> or a whole <project>");
        }
        if (elements.size() == 1 && name(elements.get(0)).equals("project")) return elements.get(0);
        Document doc = wrapper.getOwnerDocument();
        Element project = doc.createElement("project");
        Element dependencies = doc.createElement("dependencies");
        Element repositories = doc.createElement("repositories");
        project.appendChild(dependencies);
        project.appendChild(repositories);
        for (Element e : elements) {
            switch (name(e)) {
                case "dependency" -> dependencies.appendChild(e);
                case "repository" -> repositories.appendChild(e);
                case "dependencies" -> children(e).forEach(dependencies::appendChild);
                case "repositories" -> children(e).forEach(repositories::appendChild);
                default -> project.appendChild(e);
            }
        }
        return project;
    }

    private static Pom of(Element project, Path basedir) {
        Map<String, String> properties = new HashMap<>();
        Element parent = child(project, "parent");
        String groupId = firstNonNull(
                text(project, "groupId"), parent == null ? null : text(parent, "groupId"), "ijava.notebook");
        String artifactId = firstNonNull(text(project, "artifactId"), "cell");
        String version = firstNonNull(text(project, "version"), parent == null ? null : text(parent, "version"), "1");
        for (String prefix : new String[] {"project.", "pom.", ""}) {
            properties.put(prefix + "groupId", groupId);
            properties.put(prefix + "artifactId", artifactId);
            properties.put(prefix + "version", version);
        }
        properties.put("basedir", basedir.toString());
        properties.put("project.basedir", basedir.toString());
        Element props = child(project, "properties");
        if (props != null)
            for (Element p : children(props))
                properties.put(name(p), p.getTextContent().strip());
        var interpolate = new Interpolator(properties);

        var managed = new ArrayList<Dependency>();
        Element management = child(project, "dependencyManagement");
        if (management != null && child(management, "dependencies") != null) {
            for (Element d : children(child(management, "dependencies"))) managed.add(dependency(d, interpolate, null));
        }
        var dependencies = new ArrayList<Dependency>();
        Element deps = child(project, "dependencies");
        if (deps != null) for (Element d : children(deps)) dependencies.add(dependency(d, interpolate, managed));
        var repositories = new ArrayList<Repository>();
        Element repos = child(project, "repositories");
        if (repos != null) {
            for (Element r : children(repos)) {
                String id = interpolate.apply(text(r, "id"));
                String url = interpolate.apply(text(r, "url"));
                if (url == null)
                    throw new IllegalArgumentException(
                            "a <repository> has no <url>" + (id == null ? "" : " (id " + id + ")"));
                repositories.add(new Repository(id == null ? "repo-" + (repositories.size() + 1) : id, url));
            }
        }
        return new Pom(dependencies, managed, repositories);
    }

    /** A {@code <dependency>}; a missing version, type or scope comes from {@code managed}. */
    private static Dependency dependency(Element d, Interpolator interpolate, List<Dependency> managed) {
        String groupId = interpolate.apply(text(d, "groupId"));
        String artifactId = interpolate.apply(text(d, "artifactId"));
        if (groupId == null || artifactId == null) {
            throw new IllegalArgumentException("a <dependency> needs <groupId> and <artifactId>: " + compact(d));
        }
        String type = interpolate.apply(text(d, "type"));
        String classifier = interpolate.apply(text(d, "classifier"));
        String version = interpolate.apply(text(d, "version"));
        String scope = interpolate.apply(text(d, "scope"));
        if (managed != null) {
            String t = type == null ? "jar" : type;
            String c = classifier == null ? "" : classifier;
            for (Dependency m : managed) {
                if (m.groupId().equals(groupId)
                        && m.artifactId().equals(artifactId)
                        && m.type().equals(t)
                        && m.classifier().equals(c)) {
                    if (version == null) version = m.version();
                    if (scope == null && !m.scope().equals("import")) scope = m.scope();
                }
            }
        }
        var exclusions = new ArrayList<String>();
        Element ex = child(d, "exclusions");
        if (ex != null) {
            for (Element e : children(ex)) {
                exclusions.add(firstNonNull(interpolate.apply(text(e, "groupId")), "*") + ":"
                        + firstNonNull(interpolate.apply(text(e, "artifactId")), "*"));
            }
        }
        boolean optional = "true".equals(interpolate.apply(text(d, "optional")));
        return new Dependency(
                groupId,
                artifactId,
                version,
                type,
                classifier,
                scope,
                optional,
                exclusions,
                interpolate.apply(text(d, "systemPath")));
    }

    /** Fills in {@code ${name}} from the POM's properties, {@code env.NAME} and system properties. */
    private record Interpolator(Map<String, String> properties) {
        String apply(String value) {
            if (value == null) return null;
            String current = value;
            for (int depth = 0; depth < 10 && current.contains("${"); depth++) {
                Matcher m = PROPERTY.matcher(current);
                var out = new StringBuilder();
                while (m.find()) {
                    String key = m.group(1);
                    String v = properties.get(key);
                    if (v == null && key.startsWith("env.")) v = System.getenv(key.substring(4));
                    if (v == null) v = System.getProperty(key);
                    m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
                }
                m.appendTail(out);
                if (out.toString().equals(current)) break;
                current = out.toString();
            }
            return current;
        }
    }

    private static Document parse(String xml, String what) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new IllegalArgumentException(what + " is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Element e) {
        String n = e.getNodeName();
        return n.substring(n.indexOf(':') + 1);
    }

    private static List<Element> children(Element parent) {
        var list = new ArrayList<Element>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) list.add(e);
        }
        return list;
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) if (name(e).equals(name)) return e;
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) return null;
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }

    private static String compact(Element e) {
        return e.getTextContent().strip().replaceAll("\\s+", " ");
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }
}
