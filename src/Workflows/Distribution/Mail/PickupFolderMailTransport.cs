namespace Workflows.Distribution.Mail;

/// <summary>
/// Writes each message as an <c>.eml</c> file (the MIME message MimeKit would send, CRLF line ends) into a folder: the
/// embedded default, to see what schools would receive at <c>/dev/mail</c>. The file appears whole (written under a
/// temporary name, then renamed).
/// </summary>
/// <param name="directory">The folder; created when missing.</param>
/// <param name="from">Sender address.</param>
/// <param name="clock">The clock of the Date header.</param>
public sealed class PickupFolderMailTransport(string directory, string from, TimeProvider? clock = null) : IMailTransport
{
    /// <summary>The folder.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = MailMessageBuilder.Build(mail, from, (clock ?? TimeProvider.System).GetUtcNow());
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var name = Guid.NewGuid().ToString("N");
            var temporary = Path.Combine(Directory, name + ".tmp");
            await message.WriteToAsync(MailMessageBuilder.Format, temporary, cancellationToken);
            File.Move(temporary, Path.Combine(Directory, name + ".eml"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MailTransportException(MailFailure.Temporary, $"The pickup folder {Directory} could not be written: {e.Message}", e);
        }
    }
}
