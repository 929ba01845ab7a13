package cn.laorenjia.terminal.card;

import org.jboss.logging.Logger;

import javax.smartcardio.CardException;
import javax.smartcardio.TerminalFactory;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * The JVM's PC/SC connection. Two JDK behaviours are designed around (verified on OpenJDK 17 with
 * pcsc-lite 1.9.9): {@code TerminalFactory.getDefault()} caches a "None" factory for the JVM's life if
 * pcscd was not running at the first call, so the factory is made with {@code getInstance("PC/SC", null)};
 * and after pcscd restarts every call fails with SCARD_E_NO_SERVICE, because the JDK keeps one PC/SC
 * context in a static field and never re-establishes it. A new factory alone does not help: the stale
 * context must be forgotten, which needs {@code --add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}
 * (set for tests and dev mode in the pom; {@code java -jar} needs it on the command line or in JDK_JAVA_OPTIONS).
 * Without it the reader reports that the terminal must restart.
 */
class PcscContext {

    private static final Logger LOG = Logger.getLogger(PcscContext.class);

    private TerminalFactory factory;

    /** The factory, made on first use or after {@link #reset()}. */
    TerminalFactory factory() throws CardException {
        if (factory == null) {
            try {
                factory = newFactory();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CardException("PC/SC is not available in this JVM (libpcsclite missing?)", e);
            }
        }
        return factory;
    }

    /** Whether an error means pcscd went away (stopped or restarted) rather than a reader or card problem. */
    static boolean serviceLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("SCARD_E_NO_SERVICE") || message.contains("SCARD_E_SERVICE_STOPPED")
                    || message.contains("SCARD_E_INVALID_HANDLE") || message.contains("SCARD_E_NO_SMARTCARD_SERVICE")) {
                return true;
            }
        }
        return false;
    }

    /** Makes a factory; overridden by tests with an in-memory one. */
    TerminalFactory newFactory() throws java.security.NoSuchAlgorithmException {
        return TerminalFactory.getInstance("PC/SC", null);
    }

    /** Forgets the JDK's stale context so that the next call establishes a new one. False if the JVM does not allow it. */
    boolean reset() {
        factory = null;
        return forgetJdkContext();
    }

    boolean forgetJdkContext() {
        try {
            Class<?> terminals = Class.forName("sun.security.smartcardio.PCSCTerminals");
            synchronized (terminals) {
                Field context = terminals.getDeclaredField("contextId");
                context.setAccessible(true);
                context.setLong(null, 0L);
                // Terminal objects are cached by name and carry the old context: drop them too.
                Field cache = terminals.getDeclaredField("terminals");
                cache.setAccessible(true);
                ((Map<?, ?>) cache.get(null)).clear();
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("cannot re-establish the PC/SC context (%s): start the JVM with "
                    + "--add-opens java.smartcardio/sun.security.smartcardio=ALL-UNNAMED", e.toString());
            return false;
        }
    }
}
