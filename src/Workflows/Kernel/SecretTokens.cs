using System.Security.Cryptography;
using System.Text;

namespace Workflows.Kernel;

/// <summary>
/// The secret of a personal link sent by email (a school's submission link, a recipient's "Xác nhận đã nhận" link): 32
/// random bytes written as base64url (43 characters). Only its SHA-256 is stored; the raw token exists only in the email
/// that carries the link (whose stored body is redacted once sent).
/// </summary>
public static class SecretTokens
{
    /// <summary>A new random token and the hash to store.</summary>
    public static (string Token, byte[] Hash) Create()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, Hash(token));
    }

    /// <summary>The SHA-256 of the token's ASCII text (what is stored and looked up).</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>True when <paramref name="token"/> has the shape of a token (43 base64url characters), before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
