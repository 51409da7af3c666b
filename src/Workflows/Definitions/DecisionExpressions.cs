using DynamicExpresso;
using DynamicExpresso.Exceptions;

namespace Workflows.Definitions;

/// <summary>
/// The expressions of <c>decision</c> steps, interpreted by DynamicExpresso (a C#-like expression interpreter: no code is
/// compiled from the text, no assignment, no reflection, no types beyond the primitive ones): a boolean over the plan's typed
/// fields and the instance, named by <see cref="Variables"/>. Parsed when the definition is loaded, so an expression naming
/// an unknown field stops the start.
/// </summary>
public static class DecisionExpressions
{
    /// <summary>The variables an expression may use, with their types.</summary>
    public static IReadOnlyDictionary<string, Type> Variables { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["documentType"] = typeof(string),        // KH, QĐ, TB, HD, CTr, BC, CV
        ["bodyCode"] = typeof(string),            // the issuing body, e.g. SGDĐT
        ["subject"] = typeof(string),             // the trích yếu
        ["hasReportingDuties"] = typeof(bool),
        ["reportingDutyCount"] = typeof(int),
        ["recipientCount"] = typeof(int),         // lines of Nơi nhận
        ["revision"] = typeof(int),               // revision round, 1 at the first submission
        ["definitionId"] = typeof(string),
    };

    private static readonly Parameter[] Declared = [.. Variables.Select(v => new Parameter(v.Key, v.Value))];

    /// <summary>Parses <paramref name="expression"/> as a boolean over <see cref="Variables"/>.</summary>
    /// <returns>null when it is valid; otherwise why not (an unknown name, a syntax error, not a boolean).</returns>
    public static string? Check(string expression)
    {
        try
        {
            var lambda = NewInterpreter().Parse(expression, typeof(bool), Declared);
            return lambda.ReturnType == typeof(bool) ? null : "the expression is not true or false";
        }
        catch (UnknownIdentifierException e)
        {
            return $"unknown field '{e.Identifier}'; the fields are {string.Join(", ", Variables.Keys)}";
        }
        catch (ParseException e)
        {
            return e.Message;
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> with <paramref name="values"/> (one per <see cref="Variables"/> entry).</summary>
    /// <exception cref="ParseException">The expression is invalid (it was checked when the definition was loaded).</exception>
    public static bool Evaluate(string expression, IReadOnlyDictionary<string, object?> values) =>
        (bool)NewInterpreter().Parse(expression, typeof(bool), Declared)
            .Invoke([.. Declared.Select(p => new Parameter(p.Name, p.Type, values.GetValueOrDefault(p.Name)))])!;

    private static Interpreter NewInterpreter() =>
        new Interpreter(InterpreterOptions.PrimitiveTypes | InterpreterOptions.SystemKeywords)
            .EnableAssignment(AssignmentOperators.None);
}
