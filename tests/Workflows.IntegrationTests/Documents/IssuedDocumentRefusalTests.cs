using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Npgsql;
using static Workflows.Testing.DistributionFlow;

namespace Workflows.IntegrationTests.Documents;

/// <summary>A Host whose LibreOffice never finishes (a program that sleeps) and whose certificates last one day.</summary>
public sealed class RefusalFixture : IAsyncLifetime
{
    internal TestSmtpServer Smtp { get; } = new TestSmtpServer().Start();
    internal WorkflowsApp App { get; private set; } = null!;
    internal PlanFlow Flow { get; private set; } = null!;
    internal HttpClient Admin { get; private set; } = null!;
    private readonly string _slowSoffice = Path.Combine(Path.GetTempPath(), $"slow-soffice-{Guid.NewGuid():N}.sh");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_slowSoffice, "#!/bin/sh\nsleep 60\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_slowSoffice, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var settings = Settings(Smtp.Port);
        settings["Workflows:Documents:SofficePath"] = _slowSoffice;
        settings["Workflows:Documents:ConversionTimeoutSeconds"] = "2";
        settings["Workflows:Documents:CertificateValidityDays"] = "1";
        App = new WorkflowsApp(settings: settings);
        Flow = await PlanFlow.StartAsync(App);
        Admin = await App.SignInAsync("quantri");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
        File.Delete(_slowSoffice);
    }
}

public sealed class IssuedDocumentRefusalTests(RefusalFixture fixture) : IClassFixture<RefusalFixture>
{
    private PlanFlow Flow => fixture.Flow;

    [Fact]
    public async Task A_LibreOffice_conversion_that_runs_out_of_time_refuses_the_signature_with_a_clear_error_and_nothing_is_signed()
    {
        var planId = await IssuedDocumentTests.UploadDocxAsync(Flow, SamplePlanDocx.Create());
        await Flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(Flow.Reviewer, planId, "approve");
        var response = await PlanFlow.CompleteAsync(Flow.Signer, await PlanFlow.TaskOfAsync(Flow.Signer, planId), "approve", signingForm: "direct");
        var body = await response.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, response, body);
        Assert.Contains("quá 2 giây", body);
        Assert.Contains("document", body);
        await AssertStillAwaitingSignatureAsync(planId);
    }

    [Fact]
    public async Task A_corrupt_docx_refuses_the_signature_with_a_clear_error_and_nothing_is_signed()
    {
        var planId = await IssuedDocumentTests.UploadDocxAsync(Flow, SamplePlanDocx.Create());
        // The stored file damaged after upload (a disk fault, a bad import): every byte after the zip header changed.
        await using (var connection = new NpgsqlConnection(fixture.App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE plans SET document_content = $1 WHERE id = $2", connection);
            command.Parameters.AddWithValue((byte[])[0x50, 0x4B, 0x03, 0x04, .. RandomNumberGenerator.GetBytes(4000)]);
            command.Parameters.AddWithValue(planId);
            await command.ExecuteNonQueryAsync();
        }
        await Flow.SubmitAsync(planId);
        await PlanFlow.ActAsync(Flow.Reviewer, planId, "approve");
        var response = await PlanFlow.CompleteAsync(Flow.Signer, await PlanFlow.TaskOfAsync(Flow.Signer, planId), "approve", signingForm: "direct");
        var body = await response.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, response, body);
        Assert.Contains("bị hỏng", body);
        await AssertStillAwaitingSignatureAsync(planId);
    }

    [Fact]
    public async Task An_expired_certificate_refuses_signing_and_release_and_nothing_is_numbered_or_sent()
    {
        var issued = await fixture.Admin.PostAsJsonAsync("/api/admin/signing-keys/issue", new { kind = "body" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var planId = await CreateWithRecipientsAsync(Flow, "Kế hoạch thử chứng thư hết hạn", "Sở GDĐT Quảng Ninh", "UBND TP");
        await ToClerkAsync(Flow, planId);

        fixture.App.Clock.Advance(TimeSpan.FromDays(2));
        var response = await ClerkApproveAsync(Flow, planId);
        var body = await response.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, response, body);
        Assert.Contains("đã hết hạn", body);
        Assert.Contains("certificate", body);
        var plan = await Flow.PlanAsync(planId);
        Assert.Equal("signed", plan.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("symbol").ValueKind);
        Assert.Empty(await DeliveriesAsync(Flow, planId));

        var second = await CreateWithRecipientsAsync(Flow, "Kế hoạch thứ hai", "Sở GDĐT Quảng Ninh");
        await Flow.SubmitAsync(second);
        await PlanFlow.ActAsync(Flow.Reviewer, second, "approve");
        var signing = await PlanFlow.CompleteAsync(Flow.Signer, await PlanFlow.TaskOfAsync(Flow.Signer, second), "approve", signingForm: "direct");
        var signingBody = await signing.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, signing, signingBody);
        Assert.Contains("người ký truongphong đã hết hạn", signingBody);

        // New certificates: the release goes through and takes the number nobody took.
        Assert.Equal(HttpStatusCode.OK, (await fixture.Admin.PostAsJsonAsync("/api/admin/signing-keys/issue", new { kind = "body" })).StatusCode);
        await PlanFlow.ActAsync(Flow.Clerk, planId, "approve");
        Assert.Equal("released", (await Flow.PlanAsync(planId)).GetProperty("status").GetString());
        var pdf = await Flow.Clerk.GetByteArrayAsync($"/api/plans/{planId}/issued.pdf");
        Assert.All(await PdfSignatures.VerifyAsync(pdf), s => Assert.True(s.Valid, s.Text));
    }

    [Fact]
    public async Task Importing_a_key_file_with_a_wrong_password_is_refused_naming_the_password_and_the_right_one_is_stored()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Trần Nam Hải, O=PHÒNG GIÁO DỤC VÀ ĐÀO TẠO, C=VN", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var pfx = certificate.Export(X509ContentType.Pkcs12, "dung-mat-khau");

        var wrong = await ImportAsync(pfx, "sai-mat-khau");
        var body = await wrong.Content.ReadAsStringAsync();
        AssertStatus(HttpStatusCode.UnprocessableEntity, wrong, body);
        Assert.Contains("password", body);
        Assert.Contains("Mật khẩu của tệp khóa", body);

        var right = await ImportAsync(pfx, "dung-mat-khau");
        AssertStatus(HttpStatusCode.OK, right, await right.Content.ReadAsStringAsync());
        var keys = await fixture.Admin.GetFromJsonAsync<JsonElement[]>("/api/admin/signing-keys");
        Assert.Contains(keys!, k => k.GetProperty("owner").GetString() == "photruongphong" && k.GetProperty("imported").GetBoolean()
            && k.GetProperty("thumbprint").GetString() == certificate.Thumbprint);
        Assert.Equal(HttpStatusCode.Forbidden, (await Flow.Clerk.GetAsync("/api/admin/signing-keys")).StatusCode);
    }

    private async Task<HttpResponseMessage> ImportAsync(byte[] pfx, string password)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("signer"), "kind" },
            { new StringContent("photruongphong"), "owner" },
            { new StringContent(password), "password" },
            { new ByteArrayContent(pfx), "file", "pho-truong-phong.p12" },
        };
        return await fixture.Admin.PostAsync("/api/admin/signing-keys/import", form);
    }

    private async Task AssertStillAwaitingSignatureAsync(Guid planId)
    {
        Assert.Equal("awaiting-signature", (await Flow.PlanAsync(planId)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Flow.Signer.GetAsync($"/api/plans/{planId}/issued.pdf")).StatusCode);
        await PlanFlow.TaskOfAsync(Flow.Signer, planId);
    }
}
