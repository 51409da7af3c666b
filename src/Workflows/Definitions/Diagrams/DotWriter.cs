using System.Globalization;
using System.Text;
using Workflows.Kernel;

namespace Workflows.Definitions.Diagrams;

/// <summary>
/// Writes a workflow definition as a Graphviz DOT graph, top to bottom: a small dot for the start, a rounded box per
/// human task (its Vietnamese name, role and time allowed), a grey box per automatic action, a note per notify step, a
/// double box per end step, a diamond per decision and black bars for a parallel step's fork and join; an edge per
/// outcome labelled with its Vietnamese label. With <see cref="DiagramMarks"/>, done steps are green and ticked, the
/// transitions taken are thick and green, and the current step is amber, bold and says "đang xử lý" in words (the
/// state is never told by colour alone). Pure: no process, no I/O.
/// </summary>
internal static class DotWriter
{
    private const string DoneFill = "#dcfce7";
    private const string DoneLine = "#166534";
    private const string CurrentFill = "#fef3c7";
    private const string CurrentLine = "#b45309";
    private const string IdleLine = "#475569";
    private const string IdleEdge = "#94a3b8";

    /// <summary>The DOT of <paramref name="definition"/> with <paramref name="marks"/>, element ids starting with <paramref name="prefix"/>.</summary>
    /// <param name="definition">The definition drawn.</param>
    /// <param name="marks">What is done, taken and current.</param>
    /// <param name="prefix">Prefix of the element ids.</param>
    /// <param name="roleName">The Vietnamese name of a role code (the installation's roles); null: <see cref="Roles.DisplayName"/>.</param>
    public static DiagramSource Write(WorkflowDefinition definition, DiagramMarks marks, string prefix, Func<string, string>? roleName = null)
    {
        prefix = Sanitize(prefix);
        var role = roleName ?? Roles.DisplayName;
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        var dot = new StringBuilder();
        dot.Append("digraph ").Append(Quote(definition.Name)).AppendLine(" {");
        dot.AppendLine("  graph [rankdir=TB, nodesep=0.35, ranksep=0.45, fontname=\"DejaVu Sans\", bgcolor=\"transparent\"];");
        dot.AppendLine("  node [fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.18,0.08\"];");
        dot.AppendLine("  edge [fontname=\"DejaVu Sans\", fontsize=10, arrowsize=0.7];");

        var startId = $"{prefix}-start";
        dot.Append("  ").Append(Quote(startId)).Append(" [id=").Append(Quote(startId))
            .AppendLine(", shape=circle, width=0.18, fixedsize=true, label=\"\", style=filled, fillcolor=\"#0f172a\", color=\"#0f172a\"];");
        titles[startId] = "Bắt đầu";
        var started = marks.Done.Count > 0 || marks.Current.Count > 0;
        Edge(dot, titles, prefix, "start", startId, NodeId(prefix, definition.Start), null, started,
            $"Bắt đầu → {definition.Step(definition.Start).Name}");

        foreach (var step in definition.Steps.Values)
        {
            if (step.Kind == StepKind.Parallel) Parallel(dot, titles, prefix, step, marks, role);
            else Node(dot, titles, prefix, step, marks, role);
        }
        foreach (var step in definition.Steps.Values)
        {
            // A parallel step's outcomes leave from its join bar.
            var from = step.Kind == StepKind.Parallel ? NodeId(prefix, step.Id + "/join") : NodeId(prefix, step.Id);
            foreach (var outcome in step.Outcomes.Values)
            {
                var taken = marks.Taken.Contains((step.Id, outcome.Name));
                Edge(dot, titles, prefix, $"{step.Id}-{outcome.Name}", from, NodeId(prefix, outcome.Next), outcome.Label, taken,
                    $"{step.Name} → {definition.Step(outcome.Next).Name}: {outcome.Label}{(taken ? " (đã đi qua)" : "")}");
            }
            if (step.Kind == StepKind.Decision)
            {
                var index = 0;
                foreach (var decision in step.Cases)
                {
                    var taken = marks.Taken.Contains((step.Id, DiagramMarks.Case(decision.Next)));
                    Edge(dot, titles, prefix, $"{step.Id}-case{index++}", from, NodeId(prefix, decision.Next), $"khi {decision.When}", taken,
                        $"{step.Name} → {definition.Step(decision.Next).Name}: khi {decision.When}{(taken ? " (đã đi qua)" : "")}");
                }
                if (step.Next is { } otherwise)
                {
                    var taken = marks.Taken.Contains((step.Id, DiagramMarks.Case(otherwise)));
                    Edge(dot, titles, prefix, $"{step.Id}-otherwise", from, NodeId(prefix, otherwise), "các trường hợp khác", taken,
                        $"{step.Name} → {definition.Step(otherwise).Name}: các trường hợp khác{(taken ? " (đã đi qua)" : "")}");
                }
            }
            else if (step.Next is { } next)
            {
                var taken = marks.Taken.Contains((step.Id, DiagramMarks.Next));
                Edge(dot, titles, prefix, $"{step.Id}-{DiagramMarks.Next}", from, NodeId(prefix, next), null, taken,
                    $"{step.Name} → {definition.Step(next).Name}{(taken ? " (đã đi qua)" : "")}");
            }
        }
        dot.AppendLine("}");

        var title = $"Sơ đồ quy trình {definition.Name} (phiên bản {definition.Version.ToString(CultureInfo.InvariantCulture)})";
        return new DiagramSource(dot.ToString(), prefix, title, Describe(definition, marks, role), titles);
    }

    /// <summary>The diagram told in words: the steps in order with their role, then where the plan stands.</summary>
    private static string Describe(WorkflowDefinition definition, DiagramMarks marks, Func<string, string> role)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Quy trình gồm {definition.Steps.Count} bước, bắt đầu ở bước {definition.Step(definition.Start).Name}. ");
        foreach (var step in definition.Steps.Values)
        {
            text.Append(step.Name);
            if (step.Role is not null) text.Append(" (").Append(role(step.Role)).Append(')');
            if (step.Branches.Count > 0)
                text.Append(", lấy ý kiến song song: ").Append(string.Join(", ", step.Branches.Select(b => $"{b.Name} ({role(b.Role)})")));
            if (step.Cases.Count > 0)
                text.Append(", rẽ nhánh: ").Append(string.Join("; ", step.Cases.Select(c => $"khi {c.When} → {definition.Step(c.Next).Name}")));
            if (step.Outcomes.Count > 0)
                text.Append(": ").Append(string.Join("; ", step.Outcomes.Values.Select(o => $"{o.Label} → {definition.Step(o.Next).Name}")));
            else if (step.Next is { } next) text.Append(" → ").Append(definition.Step(next).Name);
            text.Append(". ");
        }
        if (marks.Done.Count > 0)
            text.Append("Đã xong: ").Append(string.Join(", ", definition.Steps.Values.Where(s => marks.Done.Contains(s.Id)).Select(s => s.Name))).Append(". ");
        if (marks.Current.Count > 0)
            text.Append("Đang xử lý: ").Append(string.Join(", ", definition.Steps.Values.Where(s => marks.Current.Contains(s.Id)).Select(s => s.Name))).Append('.');
        return text.ToString().Trim();
    }

    /// <summary>
    /// A parallel step as a dashed box named after the step and its join rule: a black fork bar (the step's node, where
    /// arrows arrive), one box per branch (its name and role), each joined by "Đồng ý" to a black join bar (where the step's
    /// outcomes leave). A branch is marked by its own task: <c>{step}/{branch}</c> in the marks.
    /// </summary>
    private static void Parallel(StringBuilder dot, Dictionary<string, string> titles, string prefix, StepDefinition step, DiagramMarks marks,
        Func<string, string> role)
    {
        var needed = step.Join is { } join
            ? join.Needed >= step.Branches.Count ? "tất cả đồng ý" : join.Needed == 1 ? "một đơn vị đồng ý" : $"ít nhất {join.Needed.ToString(CultureInfo.InvariantCulture)} đơn vị đồng ý"
            : "";
        var current = marks.Current.Contains(step.Id);
        var done = !current && marks.Done.Contains(step.Id);
        dot.Append("  subgraph ").Append(Quote($"cluster_{prefix}_{Sanitize(step.Id)}")).AppendLine(" {");
        dot.Append("    label=").Append(Quote((done ? "✓ " : "") + $"{step.Name}\n(song song, {needed})" + (current ? "\n▶ đang xử lý" : ""))).AppendLine(";");
        dot.Append("    style=\"rounded,dashed\"; color=").Append(Quote(current ? CurrentLine : done ? DoneLine : IdleLine))
            .Append("; penwidth=").Append(current ? "2" : "1").AppendLine("; fontname=\"DejaVu Sans\"; fontsize=11;");
        foreach (var (id, name) in new[] { (step.Id, "Bắt đầu lấy ý kiến"), (step.Id + "/join", "Tổng hợp ý kiến") })
        {
            var bar = NodeId(prefix, id);
            dot.Append("    ").Append(Quote(bar)).Append(" [id=").Append(Quote(bar)).Append(", class=").Append(Quote(current ? "step current" : done ? "step done" : "step"))
                .AppendLine(", shape=box, label=\"\", height=0.06, width=2.4, fixedsize=true, style=filled, fillcolor=\"#0f172a\", color=\"#0f172a\"];");
            titles[bar] = $"{step.Name}: {name}";
        }
        foreach (var branch in step.Branches)
        {
            var key = $"{step.Id}/{branch.Id}";
            var node = NodeId(prefix, key);
            var open = marks.Current.Contains(key);
            var answered = !open && marks.Done.Contains(key);
            var lines = new List<string> { (answered ? "✓ " : "") + branch.Name, role(branch.Role) };
            if (open) lines.Add("▶ đang xử lý");
            dot.Append("    ").Append(Quote(node)).Append(" [id=").Append(Quote(node)).Append(", class=").Append(Quote(open ? "step current" : answered ? "step done" : "step"))
                .Append(", shape=box, style=\"rounded,filled\", fillcolor=").Append(Quote(open ? CurrentFill : answered ? DoneFill : "#ffffff"))
                .Append(", color=").Append(Quote(open ? CurrentLine : answered ? DoneLine : IdleLine)).Append(", penwidth=").Append(open ? "3" : answered ? "2" : "1")
                .Append(", label=").Append(Quote(string.Join("\n", lines))).AppendLine("];");
            titles[node] = branch.Name + (open ? " — đang xử lý" : answered ? " — đã trả lời" : "") + $" ({role(branch.Role)})";
            var started = open || answered;
            Edge(dot, titles, prefix, $"{step.Id}-{branch.Id}-open", NodeId(prefix, step.Id), node, null, started, $"{step.Name} → {branch.Name}");
            var agreed = marks.Taken.Contains((key, ParallelJoin.Agree));
            Edge(dot, titles, prefix, $"{step.Id}-{branch.Id}-agree", node, NodeId(prefix, step.Id + "/join"), "Đồng ý", agreed,
                $"{branch.Name} → tổng hợp ý kiến: Đồng ý{(agreed ? " (đã đi qua)" : "")}");
        }
        dot.AppendLine("  }");
    }

    private static void Node(StringBuilder dot, Dictionary<string, string> titles, string prefix, StepDefinition step, DiagramMarks marks,
        Func<string, string> role)
    {
        var id = NodeId(prefix, step.Id);
        var current = marks.Current.Contains(step.Id);
        var done = !current && marks.Done.Contains(step.Id);
        var lines = new List<string> { (done ? "✓ " : "") + step.Name };
        string shape;
        string style;
        string fill;
        switch (step.Kind)
        {
            case StepKind.HumanTask:
                var detail = role(step.Role ?? "");
                if (step.DueInWorkingDays > 0) detail += $" · {step.DueInWorkingDays.ToString(CultureInfo.InvariantCulture)} ngày làm việc";
                lines.Add(detail);
                if (step.Signing) lines.Add("ký văn bản");
                (shape, style, fill) = ("box", "rounded,filled", "#ffffff");
                break;
            case StepKind.Action:
                lines.Add("(tự động)");
                (shape, style, fill) = ("box", "filled", "#f1f5f9");
                break;
            case StepKind.Notify:
                (shape, style, fill) = ("note", "filled", "#f8fafc");
                break;
            case StepKind.End:
                (shape, style, fill) = ("box", "rounded,filled,bold", "#f1f5f9");
                break;
            case StepKind.Decision:
                (shape, style, fill) = ("diamond", "filled", "#ffffff");
                break;
            default:
                (shape, style, fill) = ("box", "filled", "#ffffff");
                break;
        }
        if (current) lines.Add("▶ đang xử lý");
        var (line, width) = current ? (CurrentLine, 3) : done ? (DoneLine, 2) : (IdleLine, 1);
        if (current) fill = CurrentFill;
        else if (done) fill = DoneFill;
        var cssClass = current ? "step current" : done ? "step done" : "step";
        dot.Append("  ").Append(Quote(id)).Append(" [id=").Append(Quote(id)).Append(", class=").Append(Quote(cssClass))
            .Append(", shape=").Append(shape).Append(", style=").Append(Quote(style))
            .Append(", fillcolor=").Append(Quote(fill)).Append(", color=").Append(Quote(line))
            .Append(", penwidth=").Append(width.ToString(CultureInfo.InvariantCulture))
            .Append(step.Kind == StepKind.End ? ", peripheries=2" : "")
            .Append(", label=").Append(Quote(string.Join("\n", lines))).AppendLine("];");
        titles[id] = step.Name + (current ? " — đang xử lý" : done ? " — đã xong" : "")
            + (step.Role is null ? "" : $" ({role(step.Role)})");
    }

    private static void Edge(StringBuilder dot, Dictionary<string, string> titles, string prefix, string key, string from, string to,
        string? label, bool taken, string title)
    {
        var id = $"{prefix}-e-{Sanitize(key)}";
        dot.Append("  ").Append(Quote(from)).Append(" -> ").Append(Quote(to)).Append(" [id=").Append(Quote(id))
            .Append(", class=").Append(Quote(taken ? "transition taken" : "transition"))
            .Append(", color=").Append(Quote(taken ? DoneLine : IdleEdge))
            .Append(", fontcolor=").Append(Quote(taken ? DoneLine : "#334155"))
            .Append(", penwidth=").Append(taken ? "2.5" : "1");
        if (label is not null) dot.Append(", label=").Append(Quote(" " + label + " "));
        dot.AppendLine("];");
        titles[id] = title;
    }

    /// <summary>The node id of a step: the diagram's prefix, then the step id made safe for XML ids.</summary>
    public static string NodeId(string prefix, string stepId) => $"{prefix}-s-{Sanitize(stepId)}";

    /// <summary>Letters, digits, '-' and '_' kept; anything else becomes '_'.</summary>
    public static string Sanitize(string text)
    {
        var chars = text.Select(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' ? c : '_').ToArray();
        return chars.Length == 0 || char.IsDigit(chars[0]) ? "d" + new string(chars) : new string(chars);
    }

    /// <summary>A DOT quoted string: backslashes and quotes escaped, line breaks as <c>\n</c> (centred lines).</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
