package cn.laorenjia.terminal.card;

import javax.smartcardio.ATR;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import javax.smartcardio.TerminalFactorySpi;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-JVM PC/SC stack for fast tests of the reader thread: readers can be plugged in and pulled out, cards
 * put on and taken off, and pcscd "stopped", which no virtual reader can do. Served through a real
 * {@link TerminalFactory} (a security Provider whose service makes our {@link TerminalFactorySpi}), so the
 * code under test runs unchanged. Errors carry the PC/SC names the JDK uses (SCARD_E_...).
 */
final class SimulatedPcsc extends PcscContext {

    private final List<Reader> readers = new ArrayList<>();
    private volatile boolean serviceRunning = true;
    final AtomicInteger renewals = new AtomicInteger();

    @Override
    TerminalFactory newFactory() throws java.security.NoSuchAlgorithmException {
        Provider provider = new SimulatedProvider(this);
        return TerminalFactory.getInstance("Simulated", null, provider);
    }

    @Override
    boolean forgetJdkContext() {
        renewals.incrementAndGet();
        return true;
    }

    synchronized Reader plugIn(String name) {
        Reader reader = new Reader(this, name);
        readers.add(reader);
        return reader;
    }

    synchronized void unplug(Reader reader) {
        readers.remove(reader);
        reader.plugged = false;
        reader.take();
    }

    void stopService() {
        serviceRunning = false;
    }

    void startService() {
        serviceRunning = true;
    }

    private void requireService() throws CardException {
        if (!serviceRunning) {
            throw new CardException("SCARD_E_NO_SERVICE");
        }
    }

    private synchronized List<CardTerminal> list() throws CardException {
        requireService();
        if (readers.isEmpty()) {
            throw new CardException("list() failed", new Exception("SCARD_E_NO_READERS_AVAILABLE"));
        }
        return List.copyOf(readers);
    }

    /** The provider whose only service makes our factory SPI over this stack. */
    private static final class SimulatedProvider extends Provider {
        SimulatedProvider(SimulatedPcsc stack) {
            super("LaorenjiaSimulatedPcsc", "1.0", "in-memory PC/SC for tests");
            putService(new Provider.Service(this, "TerminalFactory", "Simulated", Spi.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Spi(stack);
                }
            });
        }
    }

    static final class Spi extends TerminalFactorySpi {
        private final SimulatedPcsc stack;

        Spi(SimulatedPcsc stack) {
            this.stack = stack;
        }

        @Override
        protected CardTerminals engineTerminals() {
            return new CardTerminals() {
                @Override
                public List<CardTerminal> list(State state) throws CardException {
                    return stack.list();
                }

                @Override
                public boolean waitForChange(long timeout) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    /** A reader; a card on it is a table of answers (hex command to hex answer, or {@link #PULLED}). */
    /** As an answer: the card leaves the reader during this command. */
    static final String PULLED = "pulled";

    static final class Reader extends CardTerminal {
        private final SimulatedPcsc stack;
        private final String name;
        private volatile boolean plugged = true;
        private Map<String, String> card;

        Reader(SimulatedPcsc stack, String name) {
            this.stack = stack;
            this.name = name;
        }

        synchronized void put(Map<String, String> answers) {
            card = answers;
            notifyAll();
        }

        synchronized void take() {
            card = null;
            notifyAll();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public synchronized Card connect(String protocol) throws CardException {
            check();
            if (card == null) {
                throw new CardException("SCARD_E_NO_SMARTCARD");
            }
            return new SimulatedCard(this, card);
        }

        @Override
        public synchronized boolean isCardPresent() throws CardException {
            check();
            return card != null;
        }

        @Override
        public synchronized boolean waitForCardPresent(long timeout) throws CardException {
            return waitFor(true, timeout);
        }

        @Override
        public synchronized boolean waitForCardAbsent(long timeout) throws CardException {
            return waitFor(false, timeout);
        }

        private boolean waitFor(boolean present, long timeout) throws CardException {
            long deadline = System.currentTimeMillis() + timeout;
            while ((card != null) != present) {
                check();
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.min(left, 20));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            check();
            return true;
        }

        private void check() throws CardException {
            stack.requireService();
            if (!plugged) {
                throw new CardException("SCARD_E_UNKNOWN_READER");
            }
        }

        private synchronized byte[] transmit(Map<String, String> answers, byte[] command) throws CardException {
            check();
            if (card != answers) {
                throw new CardException("SCARD_W_REMOVED_CARD");
            }
            String answer = answers.get(HexFormat.of().formatHex(command));
            if (PULLED.equals(answer)) {
                take();
                throw new CardException("SCARD_W_REMOVED_CARD");
            }
            return HexFormat.of().parseHex(answer == null ? "6d00" : answer);
        }
    }

    private static final class SimulatedCard extends Card {
        private final Reader reader;
        private final Map<String, String> answers;

        SimulatedCard(Reader reader, Map<String, String> answers) {
            this.reader = reader;
            this.answers = answers;
        }

        @Override
        public ATR getATR() {
            return new ATR(HexFormat.of().parseHex("3b80800101"));
        }

        @Override
        public String getProtocol() {
            return "T=1";
        }

        @Override
        public CardChannel getBasicChannel() {
            SimulatedCard card = this;
            return new CardChannel() {
                @Override
                public Card getCard() {
                    return card;
                }

                @Override
                public int getChannelNumber() {
                    return 0;
                }

                @Override
                public ResponseAPDU transmit(CommandAPDU command) throws CardException {
                    return new ResponseAPDU(reader.transmit(answers, command.getBytes()));
                }

                @Override
                public int transmit(ByteBuffer command, ByteBuffer response) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                    throw new IllegalStateException("the basic channel cannot be closed");
                }
            };
        }

        @Override
        public CardChannel openLogicalChannel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void beginExclusive() {
        }

        @Override
        public void endExclusive() {
        }

        @Override
        public byte[] transmitControlCommand(int controlCode, byte[] command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void disconnect(boolean reset) {
        }
    }
}
