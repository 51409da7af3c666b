namespace Workflows.Plans.Documents;

/// <summary>
/// Settings of the issued document (section <c>Workflows:Documents</c>): the tools that convert and sign it, the font
/// it is laid out in, and the key that protects the stored signing keys.
/// </summary>
public sealed class DocumentOptions
{
    /// <summary>
    /// Whether signing produces the issued PDF, numbering stamps and seals it, and release sends that PDF (default true).
    /// Off, the plan goes through without a PDF and release sends the uploaded file.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>LibreOffice's program (Debian <c>libreoffice-writer-nogui</c>), run headless to convert a <c>.docx</c>.</summary>
    public string SofficePath { get; set; } = "soffice";

    /// <summary>Seconds one conversion may take before it is stopped (1–600; default 90).</summary>
    public int ConversionTimeoutSeconds { get; set; } = 90;

    /// <summary>Poppler's <c>pdfsig</c> (Debian <c>poppler-utils</c>), which adds each signature as an incremental update.</summary>
    public string PdfsigPath { get; set; } = "pdfsig";

    /// <summary>NSS's <c>certutil</c> (Debian <c>libnss3-tools</c>).</summary>
    public string CertutilPath { get; set; } = "certutil";

    /// <summary>NSS's <c>pk12util</c> (Debian <c>libnss3-tools</c>).</summary>
    public string Pk12utilPath { get; set; } = "pk12util";

    /// <summary>
    /// Folder of the working files: LibreOffice's own profile (<c>-env:UserInstallation</c>) and the short-lived
    /// conversion and NSS folders; empty → a folder under the system's temporary folder.
    /// </summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>
    /// The key (Base64 of 32 bytes) that encrypts the PKCS#12 files stored in <c>signing_keys</c> (AES-256-GCM); empty →
    /// a key kept in the file <see cref="KeyFile"/>, created on first use (the embedded default).
    /// </summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>File holding the key when <see cref="KeyEncryptionKey"/> is empty; empty → <c>signing-key</c> in <see cref="WorkDirectory"/>.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// Whether a signer or body without a certificate gets one from the installation's own CA when it first signs
    /// (default true: the embedded default); false → signing without an issued or imported certificate is refused.
    /// </summary>
    public bool AutoIssueCertificates { get; set; } = true;

    /// <summary>Days a certificate issued by the installation's CA is valid (1–3,650; default 730).</summary>
    public int CertificateValidityDays { get; set; } = 730;

    /// <summary>The working folder, resolved.</summary>
    internal string ResolvedWorkDirectory => string.IsNullOrWhiteSpace(WorkDirectory)
        ? Path.Combine(Path.GetTempPath(), "workflows-documents")
        : WorkDirectory;
}
