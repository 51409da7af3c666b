using System.Globalization;
using Npgsql;
using Workflows.Distribution;
using Workflows.Distribution.Mail;
using Workflows.Host.Startup;

namespace Workflows.Host.Operations;

/// <summary>
/// Checks the settings before anything uses them, so a mistake stops the start with one line per setting on stderr
/// naming it (exit code 1) instead of a stack trace, a half-started Host or a failure at the first email. Reads the raw
/// values: a value the configuration binder could not convert is reported here too.
/// </summary>
internal static class SettingsValidator
{
    private static bool IsSha256Base64(string value)
    {
        var bytes = new byte[48];
        return Convert.TryFromBase64String(value.Trim(), bytes, out var written) && written == 32;
    }

    /// <summary>Writes each problem as <c>Invalid setting NAME: reason</c> to <paramref name="error"/>; false when there is one.</summary>
    public static bool ValidateWorkflowsSettings(this WebApplicationBuilder builder, TextWriter error)
    {
        var problems = Validate(builder.Configuration, builder.Environment);
        foreach (var problem in problems) error.WriteLine("Invalid setting " + problem);
        return problems.Count == 0;
    }

    /// <summary>The problems found, each <c>NAME: reason</c>; empty when the settings are usable.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        var c = new Checker(configuration, problems);

        if (configuration.GetConnectionString("Workflows") is { Length: > 0 } connectionString)
        {
            try
            {
                var parsed = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(parsed.Host)) problems.Add("ConnectionStrings:Workflows: no Host= is given");
            }
            catch (ArgumentException e)
            {
                problems.Add($"ConnectionStrings:Workflows: not a PostgreSQL connection string ({e.Message})");
            }
        }
        c.Int("Workflows:Storage:EmbeddedPort", 1, 65535);

        if (configuration["Urls"] is { Length: > 0 } urls)
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var normalised = url.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
                if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    problems.Add($"Urls: '{url}' is not an http:// or https:// address with a host and port, e.g. http://0.0.0.0:5080");
            }
        }

        var definitions = HostPaths.Definitions(configuration, environment);
        if (!Directory.Exists(definitions)) problems.Add($"Workflows:DefinitionsDirectory: the folder '{definitions}' does not exist");
        c.Bool("Workflows:SeedDemo");
        problems.AddRange(Security.SecuritySettings.Validate(configuration));

        var bodies = configuration.GetSection("Workflows:IssuingBodies").GetChildren().ToList();
        foreach (var body in bodies)
        {
            foreach (var field in new[] { "Code", "Name", "Place", "HeadTitle" })
                if (string.IsNullOrWhiteSpace(body[field])) problems.Add($"Workflows:IssuingBodies:{body.Key}:{field}: is empty");
        }
        foreach (var duplicate in bodies.GroupBy(b => b["Code"]).Where(g => g.Key is { Length: > 0 } && g.Count() > 1))
            problems.Add($"Workflows:IssuingBodies: the code '{duplicate.Key}' is used {duplicate.Count()} times");

        const string d = "Workflows:Distribution";
        var transport = configuration[$"{d}:Transport"];
        if (transport is { Length: > 0 } && !transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase) && !transport.Equals("Pickup", StringComparison.OrdinalIgnoreCase))
            problems.Add($"{d}:Transport: '{transport}' is not Smtp or Pickup");
        var smtpHost = configuration[$"{d}:Smtp:Host"];
        if (transport is { Length: > 0 } && transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(smtpHost))
            problems.Add($"{d}:Smtp:Host: is required when {d}:Transport is Smtp");
        c.Int($"{d}:Smtp:Port", 1, 65535);
        if (configuration[$"{d}:Smtp:Security"] is { Length: > 0 } security && SmtpSecurity.Parse(security) is null)
            problems.Add($"{d}:Smtp:Security: '{security}' is not one of {string.Join(", ", SmtpSecurity.Names)}; for implicit TLS (port 465) use ssl-on-connect");
        if (configuration[$"{d}:Smtp:TrustedCaFile"] is { Length: > 0 } caFile && !File.Exists(caFile))
            problems.Add($"{d}:Smtp:TrustedCaFile: the file '{caFile}' does not exist");
        foreach (var pin in configuration.GetSection($"{d}:Smtp:CertificatePins").GetChildren())
            if (pin.Value is not { } p || !IsSha256Base64(p))
                problems.Add($"{d}:Smtp:CertificatePins:{pin.Key}: '{pin.Value}' is not a base64 SHA-256 digest (44 characters)");
        if (configuration[$"{d}:Smtp:From"] is { } from && !MailAddresses.IsMailbox(from))
            problems.Add($"{d}:Smtp:From: '{from}' is not an email address (e.g. \"Phòng GDĐT\" <vanthu@example.org>)");
        if (configuration[$"{d}:Smtp:DefaultReplyTo"] is { Length: > 0 } defaultReplyTo && !MailAddresses.IsMailbox(defaultReplyTo))
            problems.Add($"{d}:Smtp:DefaultReplyTo: '{defaultReplyTo}' is not an email address");
        foreach (var replyTo in configuration.GetSection($"{d}:Smtp:ReplyTo").GetChildren())
            if (replyTo.Value is not { } address || !MailAddresses.IsMailbox(address))
                problems.Add($"{d}:Smtp:ReplyTo:{replyTo.Key}: '{replyTo.Value}' is not an email address");
        var dkim = new[] { "Domain", "Selector", "PrivateKeyFile" }.Select(k => (Key: k, Value: configuration[$"{d}:Smtp:Dkim:{k}"])).ToList();
        if (dkim.Any(k => !string.IsNullOrWhiteSpace(k.Value)))
        {
            foreach (var (key, _) in dkim.Where(k => string.IsNullOrWhiteSpace(k.Value)))
                problems.Add($"{d}:Smtp:Dkim:{key}: is required when another Dkim setting is set");
            if (dkim[2].Value is { Length: > 0 } keyFile && !File.Exists(keyFile))
                problems.Add($"{d}:Smtp:Dkim:PrivateKeyFile: the file '{keyFile}' does not exist");
        }
        c.Int($"{d}:Smtp:Connections", 1, 256);
        c.Int($"{d}:Smtp:IdleSeconds", 1, 86_400);
        c.Int($"{d}:Smtp:NoopAfterSeconds", 0, 86_400);
        if (!string.IsNullOrEmpty(configuration[$"{d}:Smtp:Password"]) && string.IsNullOrWhiteSpace(configuration[$"{d}:Smtp:UserName"]))
            problems.Add($"{d}:Smtp:UserName: is required when {d}:Smtp:Password is set");
        c.Int($"{d}:Smtp:TimeoutSeconds", 1, 3600);
        c.Bool($"{d}:SenderEnabled");
        c.Int($"{d}:Workers", 1, 256);
        c.Int($"{d}:BatchSize", 1, 10_000);
        c.Int($"{d}:PollMilliseconds", 10, 600_000);
        c.Int($"{d}:MaxAttempts", 1, 1000);
        var lease = c.Number($"{d}:LeaseSeconds", 1, 86_400);
        var timeout = c.Number($"{d}:Smtp:TimeoutSeconds", 1, 3600, report: false) ?? 30;
        // A worker renews its lease before each send while less than the timeout (and a margin) is left, and a send ends
        // within the timeout: the lease must be longer than the timeout.
        if (lease is { } l && l <= timeout)
            problems.Add($"{d}:LeaseSeconds: {l.ToString(CultureInfo.InvariantCulture)} must be longer than {d}:Smtp:TimeoutSeconds "
                + $"({timeout.ToString(CultureInfo.InvariantCulture)}), or a message still being sent may be taken over and sent by another node too");
        var retryBase = c.Number($"{d}:RetryBaseSeconds", 0.01, 86_400);
        var retryMax = c.Number($"{d}:RetryMaxSeconds", 0.01, 604_800);
        if (retryBase is { } b && retryMax is { } m && m < b)
            problems.Add($"{d}:RetryMaxSeconds: {m.ToString(CultureInfo.InvariantCulture)} is shorter than {d}:RetryBaseSeconds ({b.ToString(CultureInfo.InvariantCulture)})");

        const string r = "Workflows:Reporting";
        if (configuration[$"{r}:PublicBaseUrl"] is { } publicBaseUrl
            && (!Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var publicUri) || publicUri.Scheme is not ("http" or "https")
                || string.IsNullOrEmpty(publicUri.Host) || publicUri.Query.Length > 0 || publicUri.Fragment.Length > 0))
            problems.Add($"{r}:PublicBaseUrl: '{publicBaseUrl}' is not an absolute http:// or https:// address without query, e.g. https://baocao.example.org");
        foreach (var key in new[] { "DefinitionId", "DefaultTargetGroup", "LeadersGroup" })
            if (configuration[$"{r}:{key}"] is { } value && string.IsNullOrWhiteSpace(value)) problems.Add($"{r}:{key}: is empty");
        if (configuration[$"{r}:MaxUploadBytes"] is { } maxUpload
            && (!long.TryParse(maxUpload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxBytes) || maxBytes < 1 || maxBytes > 2L * 1024 * 1024 * 1024))
            problems.Add($"{r}:MaxUploadBytes: '{maxUpload}' is not a positive whole number of bytes up to 2147483648 (2 GB), e.g. 20971520 for 20 MB");
        c.Int($"{r}:OpenDaysBeforeDue", 1, 90);
        c.Int($"{r}:CloseDaysAfterDeadline", 7, 366);
        if (configuration[$"{r}:OpeningTime"] is { } opening && !TimeOnly.TryParse(opening, CultureInfo.InvariantCulture, out _))
            problems.Add($"{r}:OpeningTime: '{opening}' is not a time of day, e.g. 07:00");

        const string rc = "Workflows:Receipts";
        if (configuration[$"{rc}:PublicBaseUrl"] is { } receiptBaseUrl
            && (!Uri.TryCreate(receiptBaseUrl, UriKind.Absolute, out var receiptUri) || receiptUri.Scheme is not ("http" or "https")
                || string.IsNullOrEmpty(receiptUri.Host) || receiptUri.Query.Length > 0 || receiptUri.Fragment.Length > 0))
            problems.Add($"{rc}:PublicBaseUrl: '{receiptBaseUrl}' is not an absolute http:// or https:// address without query, e.g. https://vanban.example.org");
        c.Int($"{rc}:ReminderWorkingDays", 1, 30);
        c.Int($"{rc}:LinkValidDays", 1, 3650);
        if (configuration[$"{rc}:ReminderTime"] is { } reminderTime && !TimeOnly.TryParse(reminderTime, CultureInfo.InvariantCulture, out _))
            problems.Add($"{rc}:ReminderTime: '{reminderTime}' is not a time of day, e.g. 08:00");

        const string s = "Workflows:Scheduler";
        c.Bool($"{s}:Enabled");
        if (configuration[$"{s}:InstanceId"] is { } instanceId && (string.IsNullOrWhiteSpace(instanceId) || instanceId.Length > 200))
            problems.Add($"{s}:InstanceId: must be non-empty and at most 200 characters when set (remove it to let each node generate its own)");
        c.Int($"{s}:Workers", 1, 64);
        if (configuration[$"{s}:PollingSeconds"] is { } polling
            && (!int.TryParse(polling, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pollingSeconds) || pollingSeconds is < 1 or > 5))
            problems.Add($"{s}:PollingSeconds: '{polling}' is not a whole number of seconds from 1 to 5 (a step runs at most this long after its instant)");
        c.Int($"{s}:HeartbeatSeconds", 1, 3600);

        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlp
            && (!Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
            problems.Add($"OTEL_EXPORTER_OTLP_ENDPOINT: '{otlp}' is not an http:// or https:// address, e.g. http://collector:4317");
        return problems;
    }

    /// <summary>Typed reads of optional settings, each reporting a bad value by name.</summary>
    private sealed class Checker(IConfiguration configuration, List<string> problems)
    {
        public void Int(string key, int min, int max)
        {
            if (configuration[key] is not { } raw) return;
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                problems.Add($"{key}: '{raw}' is not a whole number");
            else if (value < min || value > max)
                problems.Add($"{key}: {value} is out of range ({min}–{max})");
        }

        public double? Number(string key, double min, double max, bool report = true)
        {
            if (configuration[key] is not { } raw) return null;
            if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                if (report) problems.Add($"{key}: '{raw}' is not a number");
                return null;
            }
            if (value < min || value > max)
            {
                if (report) problems.Add($"{key}: {raw} is out of range ({min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)})");
                return null;
            }
            return value;
        }

        public void Bool(string key)
        {
            if (configuration[key] is { } raw && !bool.TryParse(raw, out _)) problems.Add($"{key}: '{raw}' is not true or false");
        }
    }
}
