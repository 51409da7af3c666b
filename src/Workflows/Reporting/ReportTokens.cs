using System.Security.Cryptography;
using System.Text;

namespace Workflows.Reporting;

/// <summary>
/// The secret in a school's submission link: 32 random bytes written as base64url (43 characters). Only its SHA-256
/// is stored (<c>report_requests.token_hash</c>); the raw token exists only in the email that carries the link.
/// </summary>
public static class ReportTokens
{
    /// <summary>Path of the school's submission page; the token follows: <c>/nop-bao-cao/{token}</c>.</summary>
    public const string PathPrefix = "/nop-bao-cao/";

    /// <summary>A new random token and the hash to store.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The SHA-256 of the token's ASCII text (what is stored and looked up).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>True when <paramref name="token"/> has the shape of a token (43 base64url characters), before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>The absolute link for <paramref name="token"/> under <paramref name="publicBaseUrl"/> (e.g. <c>https://baocao.example.vn</c>).</summary>
    public static string Link(string publicBaseUrl, string token) => publicBaseUrl.TrimEnd('/') + PathPrefix + token;

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
