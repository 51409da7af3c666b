using Microsoft.Extensions.Configuration;
using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Organisation;
using Workflows.Reading;
using Workflows.Scanning;

namespace Workflows.Testing;

/// <summary>The fields an OCR reading is checked on, each against the value read from the plan's text, with the words
/// a warning about that field contains.</summary>
public static class OcrFieldCheck
{
    /// <summary>The issuing bodies of the Host's default settings (<c>src/Host/appsettings.json</c>).</summary>
    public static OrganisationOptions Organisation()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "Host", "appsettings.json")).Build();
        var organisation = new OrganisationOptions();
        configuration.GetSection("Workflows").Bind(organisation);
        return organisation;
    }

    /// <summary>The vocabulary the Host checks a scan against with its default settings, today.</summary>
    public static OcrVocabulary Vocabulary() => ScanVocabulary.For(Organisation(), VietnamTime.Today(TimeProvider.System));

    /// <summary>One checked field: its name, the verified and the OCR value, and the words a warning covering a miss contains.</summary>
    public sealed record Field(string Name, string? Expected, string? Actual, string[] Warnings)
    {
        /// <summary>OCR read the verified value.</summary>
        public bool Equal => Expected == Actual;

        /// <summary>A miss that no warning names.</summary>
        public bool SilentIn(PlanFields read) =>
            !Equal && !read.Warnings.Any(w => Warnings.Any(k => w.Contains(k, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Header, signer and every Nơi nhận entry; with <paramref name="includeDuties"/>, each reporting duty's
    /// reporter, recipient, frequency, day, months and date too (only when every page of the plan was read).</summary>
    public static List<Field> Checked(PlanFields expected, PlanFields read, bool includeDuties)
    {
        string[] header = ["cơ quan ban hành", "phần đầu"];
        string[] signer = ["người ký"];
        var fields = new List<Field>
        {
            new("type", expected.DocumentType, read.DocumentType, ["loại văn bản"]),
            new("symbol", expected.Symbol, read.Symbol, ["số, ký hiệu"]),
            new("issuer parent", expected.Issuer.Parent, read.Issuer.Parent, header),
            new("issuer", expected.Issuer.Name, read.Issuer.Name, header),
            new("place", expected.Place, read.Place, ["địa danh"]),
            new("issued on", $"{expected.IssuedOn:yyyy-MM-dd}", $"{read.IssuedOn:yyyy-MM-dd}", ["ngày ban hành", "ngày tháng"]),
            new("subject", expected.Subject, read.Subject, ["trích yếu"]),
            new("signer form", expected.Signer?.Form, read.Signer?.Form, signer),
            new("signer on behalf of", expected.Signer?.OnBehalfOf, read.Signer?.OnBehalfOf, signer),
            new("signer title", expected.Signer?.Title, read.Signer?.Title, signer),
            new("signer second title", expected.Signer?.SecondTitle, read.Signer?.SecondTitle, signer),
            new("signer name", expected.Signer?.Name, read.Signer?.Name, signer),
        };
        foreach (var r in expected.Recipients)
        {
            var found = read.Recipients.Any(x => x.Name == r.Name && x.Kind == r.Kind);
            fields.Add(new($"recipient {r.Name}", r.Name, found ? r.Name : null, ["nơi nhận"]));
        }
        if (!includeDuties)
        {
            return fields;
        }
        for (var i = 0; i < expected.ReportingDuties.Count; i++)
        {
            var e = expected.ReportingDuties[i];
            var a = i < read.ReportingDuties.Count ? read.ReportingDuties[i] : null;
            string[] w = [$"nghĩa vụ báo cáo {i + 1}"];
            fields.Add(new($"duty {i + 1} reporter", e.Reporter, a?.Reporter, w));
            fields.Add(new($"duty {i + 1} recipient", e.Recipient, a?.Recipient, w));
            fields.Add(new($"duty {i + 1} frequency", $"{e.Frequency}", $"{a?.Frequency}", w));
            fields.Add(new($"duty {i + 1} day", $"{e.DueDay}", $"{a?.DueDay}", w));
            fields.Add(new($"duty {i + 1} months", e.Months is null ? null : string.Join(",", e.Months), a?.Months is null ? null : string.Join(",", a.Months), w));
            fields.Add(new($"duty {i + 1} date", $"{e.DueDate}", $"{a?.DueDate}", w));
        }
        return fields;
    }
}
