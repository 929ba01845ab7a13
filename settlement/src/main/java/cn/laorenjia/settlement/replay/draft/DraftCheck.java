package cn.laorenjia.settlement.replay.draft;

import cn.laorenjia.core.policy.PolicyCatalog;
import cn.laorenjia.core.policy.PolicyFileException;
import cn.laorenjia.core.policy.PolicyVersion;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A draft's text checked exactly as the catalogue checks its own files ({@link PolicyCatalog#readVersion}), and a
 * refusal that says on which line the problem is: the core names a field by its path ({@code draft.yaml › routes[2]}
 * and the key), which is found again here in the YAML's node tree, so the administrator is sent to the line.
 */
public final class DraftCheck {

    /** The name the core uses in its messages; stripped off again when the path is read. */
    static final String NAME = "draft.yaml";

    private static final Pattern QUOTED_KEY = Pattern.compile("^'([^']+)'");
    private static final Pattern UNKNOWN_KEY = Pattern.compile("^unknown key\\(s\\) \\[([^\\],]+)");
    private static final Pattern INDEXED = Pattern.compile("^(.+)\\[(\\d+)]$");

    private DraftCheck() {
    }

    /** The version the text declares, or POLICY_DRAFT_INVALID with details {@code line} (where known) and {@code problem}. */
    public static PolicyVersion read(String yaml) {
        try {
            return PolicyCatalog.readVersion(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), NAME);
        } catch (PolicyFileException e) {
            String full = e.getMessage();
            String problem = full.startsWith(NAME) ? full.substring(NAME.length()) : full;
            // "<path>: <problem>": the path is what follows the name up to the first ": "
            String path = "";
            int colon = problem.indexOf(": ");
            if (colon >= 0) {
                path = problem.substring(0, colon);
                problem = problem.substring(colon + 2);
            }
            Integer line = line(e, yaml, path, problem);
            Map<String, Object> details = new LinkedHashMap<>();
            if (line != null) {
                details.put("line", line);
            }
            details.put("problem", problem);
            String where = line == null ? "" : "第 " + line + " 行：";
            throw DraftError.POLICY_DRAFT_INVALID.exception("政策草案文件有误，" + where + problem, details);
        }
    }

    /** The 1-based line of the problem, or null when the file gives none (a rule across fields). */
    static Integer line(PolicyFileException e, String yaml, String path, String problem) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                return mark == null ? null : mark.getLine() + 1;
            }
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (YAMLException | ClassCastException notYaml) {
            return null;
        }
        Node at = root;
        for (String segment : path.split(" › ")) {
            String s = segment.trim();
            if (s.isEmpty() || at == null) {
                continue;
            }
            Matcher indexed = INDEXED.matcher(s);
            if (indexed.matches()) {
                Node list = value(at, indexed.group(1));
                int i = Integer.parseInt(indexed.group(2)) - 1;
                at = list instanceof SequenceNode seq && i < seq.getValue().size() ? seq.getValue().get(i) : null;
            } else {
                at = value(at, s);
            }
        }
        if (at == null) {
            return null;
        }
        Matcher key = QUOTED_KEY.matcher(problem);
        Matcher unknown = UNKNOWN_KEY.matcher(problem);
        String named = key.find() ? key.group(1) : unknown.find() ? unknown.group(1).trim() : null;
        if (named != null) {
            Node keyNode = keyNode(at, named);
            if (keyNode != null) {
                return keyNode.getStartMark().getLine() + 1;
            }
        }
        return path.isBlank() ? null : at.getStartMark().getLine() + 1;
    }

    private static Node value(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static Node keyNode(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return k;
                }
            }
        }
        return null;
    }
}
