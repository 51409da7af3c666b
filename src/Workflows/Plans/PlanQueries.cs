namespace Workflows.Plans;

/// <summary>SQL shared by the plan store and the engine.</summary>
internal static class PlanQueries
{
    /// <summary>The columns of <see cref="PlanRecord"/>, of the plans table aliased <c>p</c>.</summary>
    public const string Columns =
        """
        p.id, p.body_code, p.document_type, p.subject, p.status, p.current_step, p.revision, p.number, p.symbol, p.issued_on,
               p.signing::text AS signing, p.fields::text AS fields, p.document_name, p.created_by, p.created_at, p.updated_at, p.released_at,
               p.row_version
        """;

    public const string SelectById = "SELECT " + Columns + " FROM plans p WHERE id = @id";
}
