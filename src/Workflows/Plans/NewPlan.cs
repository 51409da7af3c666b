using Workflows.Kernel.Plans;

namespace Workflows.Plans;

/// <summary>What a drafter gives to create a plan.</summary>
/// <param name="Subject">Trích yếu; required, at most 1,000 characters.</param>
/// <param name="DocumentType">Type abbreviation, default <c>KH</c>.</param>
/// <param name="Fields">The fields the reader found or the drafter typed.</param>
/// <param name="DocumentName">File name of the uploaded document, if any.</param>
/// <param name="DocumentMediaType">Its media type.</param>
/// <param name="DocumentContent">Its bytes.</param>
public sealed record NewPlan(string Subject, string DocumentType, PlanFields Fields, string? DocumentName, string? DocumentMediaType, byte[]? DocumentContent);
