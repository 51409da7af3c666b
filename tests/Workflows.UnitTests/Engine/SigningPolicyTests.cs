using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Organisation;

namespace Workflows.UnitTests.Engine;

/// <summary>Which signing forms a person may use (Nghị định 30/2020, Điều 13), decided by the one policy the engine, the API and the page share.</summary>
public sealed class SigningPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly IssuingBody Office = new()
    {
        Code = "PGDĐT", Name = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", HeadTitle = "TRƯỞNG PHÒNG", DeputyTitle = "PHÓ TRƯỞNG PHÒNG",
        ByOrderTitles = ["Chánh văn phòng"],
        Authorisations = [new SigningAuthorisation { UserName = "totruong", From = new(2026, 11, 1), To = new(2026, 11, 30), Reference = "Giấy ủy quyền số 12/GUQ-PGDĐT" }],
    };

    private static readonly IssuingBody Ward = new()
    {
        Code = "UBND", Name = "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG GAI", HeadTitle = "CHỦ TỊCH", DeputyTitle = "PHÓ CHỦ TỊCH", Collective = "ỦY BAN NHÂN DÂN",
    };

    private static Actor Person(string userName, string? title) =>
        new(userName, "Nguyễn Văn An", title, "PGDĐT", new HashSet<string> { Roles.Signer });

    private static string[] Forms(IssuingBody body, Actor actor, DateOnly? on = null) =>
        [.. SigningPolicy.Allowed(body, actor, on ?? Today).Select(o => o.Form)];

    [Fact]
    public void The_head_of_an_office_signs_directly_and_only_directly() =>
        Assert.Equal(["direct"], Forms(Office, Person("truongphong", "Trưởng phòng")));

    [Fact]
    public void The_chairman_of_a_collective_body_is_offered_TM_first_then_direct()
    {
        var options = SigningPolicy.Allowed(Ward, Person("chutich", "CHỦ TỊCH"), Today);
        Assert.Equal(["TM.", "direct"], options.Select(o => o.Form));
        Assert.Equal(("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), (options[0].Title, options[0].SecondTitle));
    }

    [Fact]
    public void A_deputy_signs_KT_in_the_heads_place_also_in_a_collective_body()
    {
        Assert.Equal(["KT."], Forms(Office, Person("pho", "PHÓ TRƯỞNG PHÒNG")));
        var ward = Assert.Single(SigningPolicy.Allowed(Ward, Person("phochutich", "PHÓ CHỦ TỊCH"), Today));
        Assert.Equal(("KT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), (ward.Form, ward.Title, ward.SecondTitle));
    }

    [Fact]
    public void An_acting_head_signs_Q_and_a_unit_head_named_in_the_configuration_signs_TL()
    {
        Assert.Equal(["Q."], Forms(Office, Person("quyen", "QUYỀN TRƯỞNG PHÒNG")));
        Assert.Equal(["TL."], Forms(Office, Person("chanhvanphong", "CHÁNH VĂN PHÒNG")));
    }

    [Fact]
    public void TUQ_holds_only_for_the_person_authorised_and_only_within_the_dates_of_the_written_authorisation()
    {
        Assert.Equal(["TUQ."], Forms(Office, Person("totruong", "TỔ TRƯỞNG")));
        Assert.Empty(Forms(Office, Person("totruong", "TỔ TRƯỞNG"), new DateOnly(2026, 12, 1)));
        Assert.Empty(Forms(Office, Person("nguoikhac", "TỔ TRƯỞNG")));
    }

    [Fact]
    public void Signing_with_a_form_the_policy_does_not_give_is_refused_naming_the_field_and_the_allowed_forms()
    {
        var e = Assert.Throws<WorkflowException>(() => SigningPolicy.Sign(Office, "TM.", Person("truongphong", "TRƯỞNG PHÒNG"), Now));
        Assert.Equal((ErrorKind.Invalid, "signingForm"), (e.Kind, e.Field));
        Assert.Contains("direct", e.Message, StringComparison.Ordinal);
        var direct = Assert.Throws<WorkflowException>(() => SigningPolicy.Sign(Office, "direct", Person("pho", "PHÓ TRƯỞNG PHÒNG"), Now));
        Assert.Contains("KT.", direct.Message, StringComparison.Ordinal);
        var none = Assert.Throws<WorkflowException>(() => SigningPolicy.Sign(Office, "KT.", Person("chuyenvien", "CHUYÊN VIÊN"), Now));
        Assert.Equal("signingForm", none.Field);
    }

    [Fact]
    public void The_signature_carries_the_lines_of_the_chosen_form()
    {
        var tm = SigningPolicy.Sign(Ward, "tm", Person("chutich", "CHỦ TỊCH"), Now);
        Assert.Equal(("TM.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), (tm.Form, tm.Title, tm.SecondTitle));
        var direct = SigningPolicy.Sign(Office, null, Person("truongphong", null), Now);
        Assert.Equal((null, "TRƯỞNG PHÒNG", (string?)null), (direct.Form, direct.Title, direct.SecondTitle));
    }
}
