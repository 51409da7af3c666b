using MimeKit;

namespace Workflows.Distribution.Mail;

/// <summary>Address checks with MimeKit's parser (strict: a domain is required).</summary>
public static class MailAddresses
{
    private static readonly ParserOptions Strict = CreateStrict();

    /// <summary>True when <paramref name="email"/> is a bare address, <c>local@domain</c>, nothing around it.</summary>
    public static bool IsPlainAddress(string email) =>
        MailboxAddress.TryParse(Strict, email, out var mailbox) && mailbox.Address == email && mailbox.Address.IndexOf('@') is > 0 and var at
        && at < email.Length - 1 && mailbox.Name is null or "";

    /// <summary>True when <paramref name="value"/> is one mailbox, with or without a display name (<c>"Tên" &lt;a@b&gt;</c>).</summary>
    public static bool IsMailbox(string value) =>
        MailboxAddress.TryParse(Strict, value, out var mailbox) && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1;

    private static ParserOptions CreateStrict()
    {
        var options = ParserOptions.Default.Clone();
        options.AllowAddressesWithoutDomain = false;
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        return options;
    }
}
