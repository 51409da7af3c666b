using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Workflows.Kernel.Plans;
using Workflows.Reading.Layout;

namespace Workflows.Reading;

/// <summary>
/// What OCR may have misread, so that the drafter checks it rather than trusting it. Against the
/// <see cref="OcrVocabulary"/>: a signer title, a collective after "TM.", the head of the issuer's name, an
/// administrative word of its parent, the first archive entry ("VT") and the body in the symbol are corrected when
/// they are near exactly one known value (with a warning saying so), and warned about when near several or none.
/// Plausibility: an issue date out of today − 30 years … today + 1 year, a due day out of 1–31 or a one-off date out
/// of the plan's year − 1 … + 3 is dropped with a warning (a "69 tháng 01" never becomes a date); a symbol not of the
/// form {number}/{type}-{body} matching the type line is warned about, and so is a signature block without its title
/// (or, for KT., TL. and TUQ., without the signing person's own title). Confidence: every field holding a word read with
/// a confidence below <see cref="MinConfidence"/> gets a warning naming the field and the word. Every warning names
/// its field.
/// </summary>
internal static partial class OcrChecks
{
    /// <summary>Words below this Tesseract confidence (0–100) are doubtful.</summary>
    public const double MinConfidence = 70;

    public static PlanFields Apply(PlanFields fields, IEnumerable<PlacedWord> words, OcrVocabulary vocabulary, IReadOnlyList<string> corrections)
    {
        var doubtful = words.Where(w => w.Confidence < MinConfidence)
            .Select(w => w.Text.Trim('.', ',', ';', ':', '(', ')', '“', '”', '"').Normalize(NormalizationForm.FormC))
            .Where(t => t.Length >= 2 || (t.Length == 1 && char.IsDigit(t[0])))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var warnings = new List<string>(fields.Warnings);
        warnings.AddRange(corrections);

        var issuedOn = fields.IssuedOn;
        if (issuedOn is { } date && (date < vocabulary.Today.AddYears(-30) || date > vocabulary.Today.AddYears(1)))
        {
            warnings.Add($"Ngày ban hành đọc bằng OCR không hợp lý ({date:dd/MM/yyyy}): cần nhập lại ngày ban hành.");
            issuedOn = null;
        }
        var duties = new List<ReportingDuty>();
        for (var i = 0; i < fields.ReportingDuties.Count; i++)
        {
            var duty = fields.ReportingDuties[i];
            if (duty.DueDay is { } day && day is < 1 or > 31)
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: ngày {day} đọc bằng OCR không hợp lý: cần nhập lại.");
                duty = duty with { DueDay = null };
            }
            if (duty.Months is { } months && months.Any(m => m is < 1 or > 12))
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: tháng {string.Join(", ", months)} đọc bằng OCR không hợp lý: cần nhập lại.");
                duty = duty with { Months = null };
            }
            if (duty.DueDate is { } due && issuedOn is { } on && (due.Year < on.Year - 1 || due.Year > on.Year + 3))
            {
                warnings.Add($"Nghĩa vụ báo cáo {i + 1}: hạn {due:dd/MM/yyyy} đọc bằng OCR không hợp lý: cần nhập lại.");
                duty = duty with { DueDate = null, DueDay = null, Months = null, Year = null };
            }
            duties.Add(duty);
        }

        var issuer = new PlanIssuer(Parent(fields.Issuer.Parent, warnings), IssuerName(fields.Issuer.Name, vocabulary, warnings));
        var symbol = Symbol(fields.Symbol, fields.DocumentType, vocabulary, warnings);
        var place = Place(fields.Place, vocabulary, warnings);
        var signer = Signer(fields.Signer, vocabulary, warnings);
        var recipients = Archive(fields.Recipients, warnings);

        void Check(string label, params string?[] values)
        {
            var text = string.Join(" ", values.Where(v => v is not null));
            if (text.Length == 0)
            {
                return;
            }
            var tokens = text.Split([' ', '/', ',', ';', '.', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            var hit = doubtful.FirstOrDefault(d => tokens.Contains(d) || (d.Length >= 4 && text.Contains(d, StringComparison.Ordinal)));
            if (hit is not null)
            {
                warnings.Add($"Đọc bằng OCR với độ tin cậy thấp ở “{hit}”: cần kiểm tra {label}.");
            }
        }

        Check("cơ quan ban hành", issuer.Parent, issuer.Name);
        Check("số, ký hiệu", symbol);
        Check("địa danh", place);
        Check("ngày ban hành", DateTokens(issuedOn));
        Check("trích yếu", fields.Subject);
        for (var i = 0; i < recipients.Count; i++)
        {
            Check($"nơi nhận “{recipients[i].Name}”", recipients[i].Name);
        }
        Check("người ký", signer?.Form, signer?.OnBehalfOf, signer?.Title, signer?.SecondTitle, signer?.Name);
        for (var i = 0; i < duties.Count; i++)
        {
            Check($"nghĩa vụ báo cáo {i + 1}", duties[i].Text);
        }
        return fields with
        {
            Issuer = issuer, Symbol = symbol, Place = place, IssuedOn = issuedOn, Signer = signer, Recipients = recipients,
            ReportingDuties = duties, Warnings = warnings.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    // A known value near the read one replaces it, with a warning; several near ones, or none, leave it with a warning.
    private static string? Known(string? value, IReadOnlyList<string> known, string what, string field, List<string> warnings, bool warnUnknown = true)
    {
        if (string.IsNullOrWhiteSpace(value) || known.Count == 0)
        {
            return value;
        }
        var match = Fuzzy.Nearest(value, known);
        if (match.Exact)
        {
            return match.Value;
        }
        if (match.Value is not null)
        {
            warnings.Add($"{what} đọc bằng OCR “{value}” đã sửa thành “{match.Value}”: cần kiểm tra {field}.");
            return match.Value;
        }
        if (match.Ambiguous.Count > 0)
        {
            warnings.Add($"{what} đọc bằng OCR “{value}” có thể là “{string.Join("” hoặc “", match.Ambiguous)}”: cần kiểm tra {field}.");
        }
        else if (warnUnknown)
        {
            warnings.Add($"{what} đọc bằng OCR “{value}” không có trong danh sách đã biết: cần kiểm tra {field}.");
        }
        return value;
    }

    private static PlanSigner? Signer(PlanSigner? signer, OcrVocabulary vocabulary, List<string> warnings)
    {
        if (signer is null)
        {
            return null;
        }
        var title = Known(signer.Title, vocabulary.SignerTitles, "Chức danh", "người ký", warnings);
        var second = signer.SecondTitle == signer.Title ? title : Known(signer.SecondTitle, vocabulary.SignerTitles, "Chức danh", "người ký", warnings);
        var collective = Known(signer.OnBehalfOf, vocabulary.Collectives, "Tập thể ký thay mặt (TM.)", "người ký", warnings);
        if (signer.Form is { } form && !OcrVocabulary.SigningForms.Contains(form))
        {
            warnings.Add($"Hình thức ký đọc bằng OCR “{form}” không phải KT., TM., TL., TUQ. hay Q.: cần kiểm tra người ký.");
        }
        if (title is null)
        {
            warnings.Add("Không đọc được chức danh người ký bằng OCR: cần kiểm tra người ký.");
        }
        else if (signer.Form is "KT." or "TL." or "TUQ." && second is null)
        {
            warnings.Add($"Ký “{signer.Form} {title}” nhưng OCR không đọc được chức danh của người ký thay: cần kiểm tra người ký.");
        }
        return signer with { Title = title, SecondTitle = second, OnBehalfOf = collective };
    }

    // "PHONG GIAO DỤC VÀ ĐÀO TẠO" → "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO": the name's first words against the known names' heads.
    private static string? IssuerName(string? name, OcrVocabulary vocabulary, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(name) || vocabulary.IssuerNames.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var known in vocabulary.IssuerNames.OrderByDescending(k => k.Length))
        {
            var count = known.Split(' ').Length;
            if (words.Length < count)
            {
                continue;
            }
            var head = string.Join(' ', words[..count]);
            if (head == known)
            {
                return name;
            }
            if (Fuzzy.Distance(head, known, Math.Max(1, known.Length / 4)) <= Math.Max(1, known.Length / 4))
            {
                var corrected = string.Join(' ', [known, .. words[count..]]);
                warnings.Add($"Tên cơ quan ban hành đọc bằng OCR “{name}” đã sửa thành “{corrected}”: cần kiểm tra cơ quan ban hành.");
                return corrected;
            }
        }
        warnings.Add($"Tên cơ quan ban hành đọc bằng OCR “{name}” không giống tên cơ quan nào đã biết: cần kiểm tra cơ quan ban hành.");
        return name;
    }

    // "UBND HUYEN BA CHE": an administrative word that lost its marks ("HUYEN") is put back, with a warning.
    private static string? Parent(string? parent, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(parent))
        {
            return parent;
        }
        var words = parent.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (OcrVocabulary.AdministrativeWords.Contains(words[i]))
            {
                continue;
            }
            var folded = OcrTextCorrection.Fold(words[i]);
            var same = OcrVocabulary.AdministrativeWords.Where(a => a.Length > 2 && OcrTextCorrection.Fold(a) == folded).ToList();
            if (same.Count == 1)
            {
                words[i] = same[0];
                changed = true;
            }
        }
        if (!changed)
        {
            return parent;
        }
        var corrected = string.Join(' ', words);
        warnings.Add($"Cơ quan cấp trên đọc bằng OCR “{parent}” đã sửa thành “{corrected}” (tên địa danh trong đó chưa kiểm tra được): cần kiểm tra cơ quan ban hành.");
        return corrected;
    }

    private static string? Place(string? place, OcrVocabulary vocabulary, List<string> warnings) =>
        Known(place, vocabulary.Places, "Địa danh", "địa danh", warnings, warnUnknown: false);

    // {number}/{type}-{body}, or a công văn's {number}/{body}-{unit}; the type must be the type line's.
    private static string? Symbol(string? symbol, string? documentType, OcrVocabulary vocabulary, List<string> warnings)
    {
        if (string.IsNullOrWhiteSpace(symbol))
        {
            return symbol;
        }
        var m = SymbolShape().Match(symbol);
        if (!m.Success)
        {
            warnings.Add($"Số, ký hiệu đọc bằng OCR “{symbol}” không đúng mẫu {{số}}/{{loại}}-{{cơ quan}}: cần kiểm tra số, ký hiệu.");
            return symbol;
        }
        var type = m.Groups["t"].Value;
        var body = m.Groups["b"].Value;
        if (OcrVocabulary.DocumentTypes.ContainsKey(type))
        {
            if (documentType is not null && documentType != "CV" && documentType != type)
            {
                warnings.Add($"Số, ký hiệu đọc bằng OCR “{symbol}” có loại {type}, khác loại văn bản ({documentType}): cần kiểm tra số, ký hiệu.");
            }
            var known = Known(body, vocabulary.BodyCodes, "Cơ quan trong số, ký hiệu", "số, ký hiệu", warnings);
            return known == body ? symbol : $"{m.Groups["n"].Value}/{type}-{known}";
        }
        if (vocabulary.BodyCodes.Contains(type))
        {
            return symbol; // a công văn: {number}/{body}-{unit}
        }
        warnings.Add($"Số, ký hiệu đọc bằng OCR “{symbol}”: “{type}” không phải loại văn bản đã biết (KH, QĐ, TB, HD, CTr, BC): cần kiểm tra số, ký hiệu.");
        return symbol;
    }

    // The first archive entry is the records office, "VT" (Nghị định 30/2020, Phụ lục I): "VI", "VTF" are read back as VT.
    private static IReadOnlyList<PlanRecipient> Archive(IReadOnlyList<PlanRecipient> recipients, List<string> warnings)
    {
        var index = recipients.ToList().FindIndex(r => r.Kind == RecipientKind.Archive);
        if (index < 0)
        {
            if (recipients.Count > 0)
            {
                warnings.Add("Không đọc được dòng “Lưu: VT…” bằng OCR: cần kiểm tra nơi nhận (bản lưu).");
            }
            return recipients;
        }
        var name = recipients[index].Name;
        if (name == "VT" || name.Length > 4 || Fuzzy.Distance(name.ToUpperInvariant(), "VT", 2) > 1)
        {
            return recipients;
        }
        warnings.Add($"Nơi lưu đọc bằng OCR “{name}” đã sửa thành “VT” (Văn thư): cần kiểm tra nơi nhận (bản lưu).");
        var list = recipients.ToList();
        list[index] = list[index] with { Name = "VT" };
        return list;
    }

    private static string? DateTokens(DateOnly? date) => date is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"{d.Day} {d.Day:00} {d.Month} {d.Month:00} {d.Year}")
        : null;

    [GeneratedRegex(@"^(?<n>\d{1,5})/(?<t>[\p{L}&]+)-(?<b>[\p{L}\d&\-]+)$")]
    private static partial Regex SymbolShape();
}
