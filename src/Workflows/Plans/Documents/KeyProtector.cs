using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Workflows.Plans.Documents;

/// <summary>
/// Encrypts the PKCS#12 files kept in <c>signing_keys</c> with AES-256-GCM under the configured key
/// (<see cref="DocumentOptions.KeyEncryptionKey"/>, or the key file of the embedded default). Stored form:
/// nonce (12 bytes) | tag (16 bytes) | ciphertext.
/// </summary>
internal sealed class KeyProtector(IOptions<DocumentOptions> options)
{
    private readonly Lazy<byte[]> _key = new(() => Load(options.Value));

    public byte[] Protect(byte[] plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plain.Length];
        using var aes = new AesGcm(_key.Value, 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    /// <exception cref="Kernel.WorkflowException">The stored key was encrypted under another key (the setting changed).</exception>
    public byte[] Unprotect(byte[] sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - 28];
        try
        {
            using var aes = new AesGcm(_key.Value, 16);
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new Kernel.WorkflowException(Kernel.ErrorKind.Conflict,
                "Không giải mã được khóa ký đã lưu: khóa bảo vệ (Workflows:Documents:KeyEncryptionKey) khác với khóa đã dùng khi lưu. Khôi phục khóa cũ hoặc cấp lại chứng thư.");
        }
        return plain;
    }

    private static byte[] Load(DocumentOptions o)
    {
        if (!string.IsNullOrWhiteSpace(o.KeyEncryptionKey)) return Convert.FromBase64String(o.KeyEncryptionKey);
        var file = string.IsNullOrWhiteSpace(o.KeyFile) ? Path.Combine(o.ResolvedWorkDirectory, "signing-key") : o.KeyFile;
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process created it first: use that one.
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
    }
}
