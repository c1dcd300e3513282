package d2l.exercise;

/** The sentences every check shares, in both languages. */
final class Messages {
    private Messages() {}

    static final Text PASSED = new Text("Correct", "Đúng");
    static final Text NOT_YET = new Text("Not yet right", "Chưa đúng");
    static final Text HINT = new Text("Hint", "Gợi ý");
    static final Text NOT_DONE = new Text(
            "Not done yet: write your answer in the cell above, in place of `throw Exercise.notDone();`, run that cell, then run this one again.",
            "Chưa làm: hãy viết lời giải vào ô phía trên, thay cho `throw Exercise.notDone();`, chạy ô đó rồi chạy lại ô này.");
    static final Text TIMEOUT = new Text(
            "your code ran for more than %s s on a hidden case and was stopped",
            "mã của bạn chạy quá %s giây trên một trường hợp ẩn nên đã bị dừng");
    static final Text TIMEOUT_HINT = new Text(
            "look for a loop whose condition never becomes false, or a loop over far more elements than the input has (a loop that ignores interruption keeps running in the background: restart the kernel if the notebook slows down).",
            "hãy tìm một vòng lặp có điều kiện không bao giờ sai, hoặc một vòng lặp chạy qua nhiều phần tử hơn hẳn số phần tử của đầu vào (vòng lặp không dừng khi bị ngắt vẫn chạy ngầm: hãy khởi động lại kernel nếu notebook chạy chậm đi).");
    static final Text INTERRUPTED =
            new Text("the check was interrupted before it finished", "việc kiểm tra bị ngắt trước khi xong");
    static final Text INTERRUPTED_HINT = new Text("run this cell again.", "hãy chạy lại ô này.");
    static final Text THREW = new Text("your code threw %s%s%s", "mã của bạn ném ra %s%s%s");
    static final Text STACK_OVERFLOW = new Text(
            "your code called itself without end (StackOverflowError)%s",
            "mã của bạn tự gọi chính nó không dừng (StackOverflowError)%s");
    static final Text UNRESOLVED = new Text(
            "your code uses a name that is not declared%s: the note under your answer cell names it",
            "mã của bạn dùng một tên chưa được khai báo%s: dòng ghi chú dưới ô lời giải cho biết tên đó");
    static final Text WHERE = new Text(" (in %s)", " (trong %s)");
    static final Text POINTS = new Text("points", "điểm");
}
