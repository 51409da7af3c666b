namespace Workflows.Plans;

/// <summary>SQL shared by the plan store and the engine.</summary>
internal static class PlanQueries
{
    public const string SelectById =
        """
        SELECT id, body_code, document_type, subject, status, current_step, revision, number, symbol, issued_on,
               signing::text AS signing, fields::text AS fields, document_name, created_by, created_at, updated_at, released_at
        FROM plans WHERE id = @id
        """;
}
