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
    public static DiagramSource Write(WorkflowDefinition definition, DiagramMarks marks, string prefix)
    {
        prefix = Sanitize(prefix);
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

        foreach (var step in definition.Steps.Values) Node(dot, titles, prefix, step, marks);
        foreach (var step in definition.Steps.Values)
        {
            foreach (var outcome in step.Outcomes.Values)
            {
                var taken = marks.Taken.Contains((step.Id, outcome.Name));
                Edge(dot, titles, prefix, $"{step.Id}-{outcome.Name}", NodeId(prefix, step.Id), NodeId(prefix, outcome.Next), outcome.Label, taken,
                    $"{step.Name} → {definition.Step(outcome.Next).Name}: {outcome.Label}{(taken ? " (đã đi qua)" : "")}");
            }
            if (step.Next is { } next)
            {
                var taken = marks.Taken.Contains((step.Id, DiagramMarks.Next));
                Edge(dot, titles, prefix, $"{step.Id}-{DiagramMarks.Next}", NodeId(prefix, step.Id), NodeId(prefix, next), null, taken,
                    $"{step.Name} → {definition.Step(next).Name}{(taken ? " (đã đi qua)" : "")}");
            }
        }
        dot.AppendLine("}");

        var title = $"Sơ đồ quy trình {definition.Name} (phiên bản {definition.Version.ToString(CultureInfo.InvariantCulture)})";
        return new DiagramSource(dot.ToString(), prefix, title, Describe(definition, marks), titles);
    }

    /// <summary>The diagram told in words: the steps in order with their role, then where the plan stands.</summary>
    private static string Describe(WorkflowDefinition definition, DiagramMarks marks)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Quy trình gồm {definition.Steps.Count} bước, bắt đầu ở bước {definition.Step(definition.Start).Name}. ");
        foreach (var step in definition.Steps.Values)
        {
            text.Append(step.Name);
            if (step.Role is not null) text.Append(" (").Append(Roles.DisplayName(step.Role)).Append(')');
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

    private static void Node(StringBuilder dot, Dictionary<string, string> titles, string prefix, StepDefinition step, DiagramMarks marks)
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
                var detail = Roles.DisplayName(step.Role ?? "");
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
            + (step.Role is null ? "" : $" ({Roles.DisplayName(step.Role)})");
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
