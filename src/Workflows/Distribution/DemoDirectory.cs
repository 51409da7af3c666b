namespace Workflows.Distribution;

/// <summary>
/// The demo directory of the embedded default, built around the seed plans (Uông Bí and Ba Chẽ education offices);
/// every address is under example.org.
/// </summary>
public static class DemoDirectory
{
    /// <summary>The group of schools under the Uông Bí office.</summary>
    public const string Schools = "Các trường học trực thuộc";

    /// <summary>Schools of the demo (the six named in the 2023 plan and a few more).</summary>
    public static readonly IReadOnlyList<(string Name, string Email)> SchoolList =
    [
        ("Trường TH Lê Lợi", "th-leloi@uongbi.example.org"),
        ("Trường TH Quang Trung", "th-quangtrung@uongbi.example.org"),
        ("Trường THCS Phương Đông", "thcs-phuongdong@uongbi.example.org"),
        ("Trường THCS Phương Nam", "thcs-phuongnam@uongbi.example.org"),
        ("Trường THCS Yên Thanh", "thcs-yenthanh@uongbi.example.org"),
        ("Trường TH&THCS Nam Khê", "th-thcs-namkhe@uongbi.example.org"),
        ("Trường MN Hoa Hồng", "mn-hoahong@uongbi.example.org"),
        ("Trường TH Trưng Vương", "th-trungvuong@uongbi.example.org"),
        ("Trường THCS Nguyễn Trãi", "thcs-nguyentrai@uongbi.example.org"),
    ];

    /// <summary>The leaders of the Uông Bí office.</summary>
    public static readonly IReadOnlyList<(string Name, string Email)> Leaders =
    [
        ("Đ/c Trần Nam Hải – Trưởng phòng GDĐT", "tran.nam.hai@uongbi.example.org"),
        ("Đ/c Nguyễn Thị Minh – Phó Trưởng phòng GDĐT", "nguyen.thi.minh@uongbi.example.org"),
    ];

    /// <summary>The working units (tổ công tác) of the Uông Bí office.</summary>
    public static readonly IReadOnlyList<(string Name, string Email)> Units =
    [
        ("Tổ Chuyên môn Mầm non", "to-mamnon@uongbi.example.org"),
        ("Tổ Chuyên môn Tiểu học", "to-tieuhoc@uongbi.example.org"),
        ("Tổ Chuyên môn THCS", "to-thcs@uongbi.example.org"),
        ("Tổ Thi đua – Tổng hợp", "to-tdth@uongbi.example.org"),
    ];

    /// <summary>How the plans name the units as reporters ("Bộ phận thi đua, tổng hợp: … trước ngày 15 hằng tháng … báo cáo").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> UnitAliases = new Dictionary<string, string[]>
    {
        ["Tổ Thi đua – Tổng hợp"] = ["Bộ phận thi đua, tổng hợp", "Bộ phận Thi đua – Tổng hợp"],
        ["Tổ Chuyên môn Mầm non"] = ["Bộ phận chuyên môn Mầm non"],
        ["Tổ Chuyên môn Tiểu học"] = ["Bộ phận chuyên môn Tiểu học"],
        ["Tổ Chuyên môn THCS"] = ["Bộ phận chuyên môn THCS"],
    };

    /// <summary>The entries, in an order where groups follow their members.</summary>
    public static IEnumerable<DirectoryEntryInput> Entries
    {
        get
        {
            yield return new("Sở GDĐT Quảng Ninh", "body", "vanphong@sogddt.quangninh.example.org", null,
                ["Văn phòng Sở GDĐT", "Sở GDĐT", "Sở Giáo dục và Đào tạo Quảng Ninh"], null, null);
            yield return new("UBND thành phố Uông Bí", "body", "vanphong@ubnd.uongbi.example.org", null,
                ["Văn phòng HĐND&UBND TP", "UBND TP", "UBND thành phố"], null, null);
            yield return new("Cổng TTĐT ngành", "unit", "congttdt@gddt.uongbi.example.org", "PGDĐT", ["Cổng TTĐT", "Cổng Thông tin điện tử ngành GDĐT"], null, null);
            foreach (var (name, email) in Leaders) yield return new(name, "person", email, "PGDĐT", null, null, ["Lãnh đạo Phòng GDĐT"]);
            foreach (var (name, email) in Units)
                yield return new(name, "unit", email, "PGDĐT", UnitAliases.GetValueOrDefault(name), null, ["Các tổ công tác thuộc Phòng"]);
            foreach (var (name, email) in SchoolList) yield return new(name, "school", email, "PGDĐT", [name.Replace("Trường ", "", StringComparison.Ordinal)], null, [Schools]);
            // Ba Chẽ (the 2021 plan): its district, its propaganda board, its leaders, its specialist staff and schools.
            yield return new("UBND huyện Ba Chẽ", "body", "vanphong@ubnd.bache.example.org", null, ["UBND huyện"], null, null);
            yield return new("Ban Tuyên giáo Huyện ủy Ba Chẽ", "body", "bantuyengiao@bache.example.org", null, ["Ban Tuyên giáo"], null, null);
            yield return new("Đ/c Hoàng Thị Oanh – Trưởng phòng GDĐT Ba Chẽ", "person", "hoang.thi.oanh@bache.example.org", null, null, null, ["Lãnh đạo Phòng GDĐT Ba Chẽ"]);
            yield return new("Bộ phận chuyên môn Phòng GDĐT Ba Chẽ", "unit", "chuyenmon@gddt.bache.example.org", null, ["CM phòng"], null, null);
            yield return new("Trường PTDTBT TH&THCS Đạp Thanh", "school", "dapthanh@bache.example.org", null, null, null, ["Các CSGD thuộc huyện Ba Chẽ"]);
            yield return new("Trường TH&THCS Thanh Sơn", "school", "thanhson@bache.example.org", null, null, null, ["Các CSGD thuộc huyện Ba Chẽ"]);
        }
    }

    /// <summary>Aliases added to the groups once they exist (the group rows are created by their members).</summary>
    public static readonly IReadOnlyList<(string Group, string[] Aliases)> GroupAliases =
    [
        ("Lãnh đạo Phòng GDĐT Ba Chẽ", ["LĐ Phòng"]),
        ("Các CSGD thuộc huyện Ba Chẽ", ["Các CSGD thuộc huyện", "Các cơ sở giáo dục thuộc huyện"]),
        (Schools, ["Các trường học trực thuộc trên địa bàn", "Các cơ sở giáo dục trực thuộc"]),
    ];
}
