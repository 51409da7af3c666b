namespace Workflows.Engine;

/// <summary>What a <c>decision</c> step reads of the subject (a plan), besides <see cref="WorkflowSubject"/>.</summary>
/// <param name="DocumentType">Its document type abbreviation, e.g. <c>KH</c>, <c>QĐ</c>.</param>
/// <param name="Subject">Its trích yếu.</param>
/// <param name="ReportingDutyCount">How many reporting duties it states.</param>
/// <param name="RecipientCount">How many lines its Nơi nhận has.</param>
public sealed record SubjectFacts(string DocumentType, string Subject, int ReportingDutyCount, int RecipientCount);
