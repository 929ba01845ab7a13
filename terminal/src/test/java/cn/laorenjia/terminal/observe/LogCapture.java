package cn.laorenjia.terminal.observe;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** Records every log record of the running application, and formats them as its console does. */
final class LogCapture extends ExtHandler implements AutoCloseable {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger root = LogContext.getLogContext().getLogger("");

    LogCapture() {
        root.addHandler(this);
    }

    @Override
    protected void doPublish(ExtLogRecord record) {
        record.copyAll(); // the MDC and the message, as they are now
        records.add(record);
    }

    List<ExtLogRecord> records() {
        return records;
    }

    /** The formatter of the application's console handler (under Quarkus' delayed handler). */
    static Formatter consoleFormatter() {
        Formatter found = find(LogContext.getLogContext().getLogger("").getHandlers());
        if (found == null) {
            throw new AssertionError("no console handler on the root logger");
        }
        return found;
    }

    private static Formatter find(Handler[] handlers) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler console) {
                return console.getFormatter();
            }
            if (h instanceof ExtHandler ext) {
                Formatter inner = find(ext.getHandlers());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
