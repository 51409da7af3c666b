namespace Workflows.Tests.Infrastructure;

/// <summary>A clock the tests move by hand; starts at the real now unless told otherwise.</summary>
internal sealed class TestClock(DateTimeOffset? start = null) : TimeProvider
{
    private DateTimeOffset _now = start ?? DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset to) => _now = to;
}
