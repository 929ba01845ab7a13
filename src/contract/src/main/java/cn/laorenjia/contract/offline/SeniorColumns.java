package cn.laorenjia.contract.offline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The wire form of an offline copy's seniors: one column per field rather than one object per senior, and each
 * distinct assessment once in a table the seniors point into. Same records in Java ({@link OfflineSnapshot.SeniorEntry}),
 * a fifth less on the wire gzip'd: a senior's own values (name, masked ID, card hash) sit beside the same field of
 * the next senior, where gzip finds them, instead of between repeated field names and assessments that each cost a
 * back-reference. The copy of 100,000 seniors is about 1.6 MB gzip'd instead of 2.2 MB.
 *
 * <pre>{@code
 * "seniors": {"seniorId": [7, 8], "nameMasked": ["张*珍", "李*"], "idNumberMasked": ["120224********0013", …],
 *             "assessments": [{"routes": ["AGE_80_LOCAL"], "reasons": []}], "assessment": [0, 0],
 *             "usedToday": [0, 1], "usedThisWeek": [2, 1], "cards": [[["UID", "TaC8XnALcjY"]], []]}
 * }</pre>
 *
 * An index {@code null} is a senior without an assessment. Read back, the columns must be of one length. A copy in
 * the older form (an array of senior objects, e.g. a counter's file written before) still reads.
 */
final class SeniorColumns {

    private SeniorColumns() {
    }

    static final class Writer extends JsonSerializer<List<OfflineSnapshot.SeniorEntry>> {

        @Override
        public void serialize(List<OfflineSnapshot.SeniorEntry> seniors, JsonGenerator out, SerializerProvider provider)
                throws IOException {
            Map<OfflineSnapshot.Assessment, Integer> table = new LinkedHashMap<>();
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                if (s.eligibility() != null) {
                    table.putIfAbsent(s.eligibility(), table.size());
                }
            }
            out.writeStartObject();
            out.writeArrayFieldStart("seniorId");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeNumber(s.seniorId());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("nameMasked");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeString(s.nameMasked());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("idNumberMasked");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeString(s.idNumberMasked());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("assessments");
            for (OfflineSnapshot.Assessment a : table.keySet()) {
                provider.defaultSerializeValue(a, out);
            }
            out.writeEndArray();
            out.writeArrayFieldStart("assessment");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                if (s.eligibility() == null) {
                    out.writeNull();
                } else {
                    out.writeNumber(table.get(s.eligibility()));
                }
            }
            out.writeEndArray();
            out.writeArrayFieldStart("usedToday");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeNumber(s.usedToday());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("usedThisWeek");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeNumber(s.usedThisWeek());
            }
            out.writeEndArray();
            out.writeArrayFieldStart("cards");
            for (OfflineSnapshot.SeniorEntry s : seniors) {
                out.writeStartArray();
                for (OfflineSnapshot.CardEntry c : Objects.requireNonNullElse(s.cards(),
                        List.<OfflineSnapshot.CardEntry>of())) {
                    out.writeStartArray();
                    out.writeString(c.kind());
                    out.writeString(c.hash());
                    out.writeEndArray();
                }
                out.writeEndArray();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<List<OfflineSnapshot.SeniorEntry>> {

        @Override
        public List<OfflineSnapshot.SeniorEntry> deserialize(JsonParser in, DeserializationContext context)
                throws IOException {
            if (in.currentToken() == JsonToken.START_ARRAY) {
                // the older form: one object per senior
                return context.readValue(in, context.getTypeFactory()
                        .constructCollectionType(List.class, OfflineSnapshot.SeniorEntry.class));
            }
            JsonNode node = context.readTree(in);
            if (!(node instanceof ObjectNode columns)) {
                return context.reportInputMismatch(List.class, "the copy's seniors are neither columns nor a list");
            }
            JsonNode ids = columns.path("seniorId");
            int n = ids.size();
            for (String column : List.of("nameMasked", "idNumberMasked", "assessment", "usedToday", "usedThisWeek",
                    "cards")) {
                if (!columns.path(column).isArray() || columns.path(column).size() != n) {
                    return context.reportInputMismatch(List.class,
                            "the copy's column %s does not have the %d seniors of seniorId", column, n);
                }
            }
            List<OfflineSnapshot.Assessment> table = new ArrayList<>();
            for (JsonNode a : columns.path("assessments")) {
                table.add(context.readTreeAsValue(a, OfflineSnapshot.Assessment.class));
            }
            List<OfflineSnapshot.SeniorEntry> seniors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                JsonNode index = columns.path("assessment").get(i);
                OfflineSnapshot.Assessment assessment = null;
                if (index.canConvertToInt() && index.isIntegralNumber()) {
                    int at = index.intValue();
                    if (at < 0 || at >= table.size()) {
                        return context.reportInputMismatch(List.class, "assessment %d is not in the table", at);
                    }
                    assessment = table.get(at);
                }
                List<OfflineSnapshot.CardEntry> cards = new ArrayList<>();
                for (JsonNode card : columns.path("cards").get(i)) {
                    if (card instanceof ArrayNode pair && pair.size() == 2) {
                        cards.add(new OfflineSnapshot.CardEntry(pair.get(0).asText(null), pair.get(1).asText(null)));
                    }
                }
                seniors.add(new OfflineSnapshot.SeniorEntry(ids.get(i).asLong(),
                        textOrNull(columns.path("nameMasked").get(i)), textOrNull(columns.path("idNumberMasked").get(i)),
                        assessment, columns.path("usedToday").get(i).asInt(), columns.path("usedThisWeek").get(i).asInt(),
                        List.copyOf(cards)));
            }
            return List.copyOf(seniors);
        }

        private static String textOrNull(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }
    }
}
