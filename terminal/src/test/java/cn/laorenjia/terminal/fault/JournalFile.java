package cn.laorenjia.terminal.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/** Reads a terminal's journal from disk, as an auditor would: every sale and its final answer, if any. */
final class JournalFile {

    /** A sale's final status (SUBSIDISED, OFFLINE_CONFLICT, REJECTED, NOT_RECORDED, REFUSED, REFUSED_LIVE) or null. */
    static Map<UUID, String> outcomes(Path journalDirectory) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<UUID, String> outcomes = new LinkedHashMap<>();
        Path file = journalDirectory.resolve("sales.journal");
        if (!Files.exists(file)) {
            return outcomes;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.length() < 10 || line.charAt(8) != ' ') {
                break; // a line being written right now
            }
            CRC32 crc = new CRC32();
            crc.update(line.substring(9).getBytes(StandardCharsets.UTF_8));
            if (crc.getValue() != Long.parseLong(line.substring(0, 8), 16)) {
                break;
            }
            JsonNode r = json.readTree(line.substring(9));
            UUID id = UUID.fromString(r.path("id").asText());
            switch (r.path("t").asText()) {
                case "SALE" -> outcomes.putIfAbsent(id, null);
                case "DONE" -> outcomes.put(id, r.path("status").asText());
                default -> { }
            }
        }
        return outcomes;
    }

    private JournalFile() {
    }
}
