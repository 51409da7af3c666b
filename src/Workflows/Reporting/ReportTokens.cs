using Workflows.Kernel;

namespace Workflows.Reporting;

/// <summary>
/// The secret in a school's submission link (<see cref="SecretTokens"/>: 32 random bytes as base64url). Only its SHA-256
/// is stored (<c>report_requests.token_hash</c>); the raw token exists only in the email that carries the link.
/// </summary>
public static class ReportTokens
{
    /// <summary>Path of the school's submission page; the token follows: <c>/nop-bao-cao/{token}</c>.</summary>
    public const string PathPrefix = "/nop-bao-cao/";

    /// <summary>A new random token and the hash to store.</summary>
    public static (string Token, byte[] Hash) Create() => SecretTokens.Create();

    /// <summary>The SHA-256 of the token's ASCII text (what is stored and looked up).</summary>
    public static byte[] Hash(string token) => SecretTokens.Hash(token);

    /// <summary>True when <paramref name="token"/> has the shape of a token (43 base64url characters), before any lookup.</summary>
    public static bool IsWellFormed(string? token) => SecretTokens.IsWellFormed(token);

    /// <summary>The absolute link for <paramref name="token"/> under <paramref name="publicBaseUrl"/> (e.g. <c>https://baocao.example.vn</c>).</summary>
    public static string Link(string publicBaseUrl, string token) => publicBaseUrl.TrimEnd('/') + PathPrefix + token;
}
