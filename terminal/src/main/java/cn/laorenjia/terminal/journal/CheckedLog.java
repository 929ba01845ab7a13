package cn.laorenjia.terminal.journal;

import cn.laorenjia.terminal.app.OwnerOnlyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * An append-only file of checksummed lines in {@link SaleJournal}'s format, {@code <crc32> <text>}: each append is
 * forced to disk before it returns; a torn last line (power cut mid-write: a bad checksum, or no newline) was never
 * acknowledged and is cut off when the file is opened. The file is owner-only (journals name seniors).
 *
 * <p>Not thread-safe: its owner serialises appends.
 */
public final class CheckedLog implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final List<String> recovered;

    private CheckedLog(Path file, FileChannel channel, List<String> recovered) {
        this.file = file;
        this.channel = channel;
        this.recovered = recovered;
    }

    /** Opens (or creates) {@code file}, cutting off a torn tail; {@link #recovered()} holds the lines read. */
    public static CheckedLog open(Path file) {
        try {
            OwnerOnlyFiles.directory(file.getParent());
            OwnerOnlyFiles.restrict(file);
            List<String> lines = new ArrayList<>();
            long good = readValid(file, lines);
            if (Files.exists(file) && Files.size(file) > good) {
                try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    c.truncate(good);
                    c.force(true);
                }
            }
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), OwnerOnlyFiles.fileAttributes());
            return new CheckedLog(file, channel, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    /** The valid lines found when the file was opened, oldest first. */
    public List<String> recovered() {
        return recovered;
    }

    public Path file() {
        return file;
    }

    /** Appends the texts (one line each, no newline inside) in one write; returns once they are on disk. */
    public void append(List<String> texts) {
        StringBuilder lines = new StringBuilder();
        for (String text : texts) {
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a journal line holds no line break");
            }
            lines.append(String.format("%08x", crc(text))).append(' ').append(text).append('\n');
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(lines.toString());
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the valid prefix of {@code file} into {@code lines}; returns its length in bytes. Read as bytes, line by
     * line: a tail torn inside a multi-byte character fails only its own line's checksum.
     */
    static long readValid(Path file, List<String> lines) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] all = Files.readAllBytes(file);
        int start = 0;
        for (int nl = indexOf(all, start); nl >= 0; nl = indexOf(all, start)) {
            // a line without its newline (the last, written in one piece with it) was never acknowledged
            int length = nl - start;
            if (length < 10 || all[start + 8] != ' ') {
                break;
            }
            long expected;
            try {
                expected = Long.parseLong(new String(all, start, 8, StandardCharsets.US_ASCII), 16);
            } catch (NumberFormatException e) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(all, start + 9, length - 9);
            if (crc.getValue() != expected) {
                break;
            }
            lines.add(new String(all, start + 9, length - 9, StandardCharsets.UTF_8));
            start = nl + 1;
        }
        return start;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static long crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
