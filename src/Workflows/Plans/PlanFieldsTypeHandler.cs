using System.Data;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>
/// Lets Dapper read <c>plans.fields</c> (selected as text, see <see cref="PlanQueries.Columns"/>) into <see cref="PlanFields"/>
/// and send <see cref="PlanFields"/> as a jsonb parameter, through <see cref="PlanFieldsJson"/>.
/// </summary>
internal sealed class PlanFieldsTypeHandler : SqlMapper.TypeHandler<PlanFields>
{
    private static int _registered;

    /// <summary>Registers the handler with Dapper once per process.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0) SqlMapper.AddTypeHandler(new PlanFieldsTypeHandler());
    }

    public override void SetValue(IDbDataParameter parameter, PlanFields? value)
    {
        if (parameter is NpgsqlParameter npgsql) npgsql.NpgsqlDbType = NpgsqlDbType.Jsonb;
        parameter.Value = PlanFieldsJson.Serialize(value ?? PlanFields.Empty);
    }

    public override PlanFields Parse(object value) => value switch
    {
        string json => PlanFieldsJson.ReadStored(json),
        _ => throw new DataException($"Cannot read {value.GetType()} as plan fields."),
    };
}
