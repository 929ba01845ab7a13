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
            throw DraftError.POLICY_DRAFT_INVALID.exception("政策草案文件有误，" + where + problemZh(problem), details);
        }
    }

    /**
     * The core's problem (English, for developers) in the administrator's words; the original stays in the details.
     * Whatever is not recognised is shown as it is, after a Chinese sentence saying what it is.
     */
    static String problemZh(String problem) {
        for (String[] rule : PROBLEMS_ZH) {
            Matcher m = Pattern.compile(rule[0]).matcher(problem);
            if (m.find()) {
                return m.replaceFirst(rule[1]).substring(m.start());
            }
        }
        return "内容不符合政策文件的格式（" + problem + "）";
    }

    /** Pattern of the core's message, its Chinese ($1, $2: the key and the value written). */
    private static final String[][] PROBLEMS_ZH = {
            {"^'([^']+)' is required$", "缺少必填项「$1」"},
            {"^'([^']+)' must be a whole number, got (.*)$", "「$1」应为整数，实际为 $2"},
            {"^'([^']+)' must be true or false, got (.*)$", "「$1」应为 true 或 false，实际为 $2"},
            {"^'([^']+)' must be a date like 2024-01-01, got (.*)$", "「$1」应为日期（如 2024-01-01），实际为 $2"},
            {"^'([^']+)' must be an amount in yuan like 13.50, got (.*)$", "「$1」应为以元计的金额（如 13.50），实际为 $2"},
            {"^'([^']+)': (.*) is not one of (.*)$", "「$1」的值 $2 不是可用的取值，可用：$3"},
            {"^'([^']+)' must be a list, got (.*)$", "「$1」应为列表，实际为 $2"},
            {"^unknown key\\(s\\) (.*)$", "不认识的字段 $1"},
            {"^expected a mapping.*$", "此处应为“字段: 值”的形式"},
            {"^the file must be a YAML mapping.*$", "文件应由“字段: 值”组成（YAML 映射）"},
            {"^not valid YAML[\\s\\S]*$", "不是有效的 YAML 格式（缩进、冒号或括号有误）"},
            {"effective_until must be after effective_from$", "失效日期 effective_until 须晚于生效日期 effective_from"},
            {"at least one legal source is required$", "至少须列出一项政策依据（sources）"},
            {"meal caps per day and per week must be at least 1$", "每日、每周补贴餐数上限至少为 1"},
            {"at least one meal slot must qualify$", "至少须有一个补贴餐别（meal_slots）"},
            {"at least one eligibility route is required$", "至少须有一种资格类型（routes）"},
            {"route (\\w+) listed twice$", "资格类型 $1 重复"},
            {"^meal slot (\\w+) listed twice$", "餐别 $1 重复"},
            {"reference standard set price must be positive.*$", "标准套餐参考价须大于 0"},
            {"allowed deviation must be 0\\.\\.100 percent.*$", "浮动比例须在 0 到 100 之间"},
            {"min_age out of range.*$", "最低年龄 min_age 超出范围"},
            {"max_age_exclusive must exceed min_age$", "max_age_exclusive 须大于 min_age"},
            {"max_disability_grade 1\\.\\.4 is required$", "须给出 1 至 4 的 max_disability_grade"},
            {"max_disability_grade applies only to the hardship-disability route$",
                    "max_disability_grade 只适用于困难残疾人资格类型"},
    };

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
