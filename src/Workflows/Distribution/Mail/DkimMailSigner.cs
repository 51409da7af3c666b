using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;

namespace Workflows.Distribution.Mail;

/// <summary>
/// Signs messages with DKIM (RFC 6376) through MimeKit's <see cref="DkimSigner"/>: rsa-sha256, relaxed/relaxed
/// canonicalization, over From, To, Subject, Date, Message-ID, Reply-To, Auto-Submitted, MIME-Version and Content-Type
/// (those present). The key is read once; signing is safe from several threads (a signer per message).
/// </summary>
public sealed class DkimMailSigner
{
    private static readonly HeaderId[] Signed =
    [
        HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ReplyTo, HeaderId.MimeVersion,
        HeaderId.ContentType,
    ];

    private readonly AsymmetricKeyParameter _key;
    private readonly string _domain;
    private readonly string _selector;

    /// <summary>Reads the private key of <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing, or the file holds no RSA private key.</exception>
    public DkimMailSigner(DkimOptions options)
    {
        if (!options.Enabled) throw new InvalidOperationException("Workflows:Distribution:Smtp:Dkim needs Domain, Selector and PrivateKeyFile.");
        _domain = options.Domain!.Trim();
        _selector = options.Selector!.Trim();
        using var reader = new StreamReader(options.PrivateKeyFile!);
        _key = new PemReader(reader).ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } key => key,
            _ => throw new InvalidOperationException($"Workflows:Distribution:Smtp:Dkim:PrivateKeyFile '{options.PrivateKeyFile}' holds no PEM private key."),
        };
    }

    /// <summary>Adds the <c>DKIM-Signature</c> header to <paramref name="message"/> (prepared 7-bit first, as signing requires).</summary>
    public void Sign(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        var signer = new DkimSigner(_key, _domain, _selector, DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
        var headers = Signed.Where(id => message.Headers.Contains(id)).Select(id => id.ToHeaderName()).ToList();
        if (message.Headers.Contains(MailMessageBuilder.AutoSubmitted)) headers.Add(MailMessageBuilder.AutoSubmitted);
        signer.Sign(MailMessageBuilder.Format, message, headers);
    }
}
