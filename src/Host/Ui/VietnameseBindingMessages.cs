using Microsoft.AspNetCore.Mvc;

namespace Workflows.Host.Ui;

/// <summary>
/// The pages' model-binding errors in Vietnamese: a form field that cannot be read ("abc" in a number field, a
/// missing value) says so next to the field in words, never "The value 'abc' is not valid for DueDay." and never a
/// property name.
/// </summary>
internal static class VietnameseBindingMessages
{
    /// <summary>Replaces every accessor of MVC's <see cref="Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider"/>.</summary>
    public static void Apply(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"Giá trị “{value}” không hợp lệ.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị “{value}” không hợp lệ.");
        messages.SetValueIsInvalidAccessor(value => $"Giá trị “{value}” không hợp lệ.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "Giá trị không hợp lệ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        messages.SetValueMustBeANumberAccessor(_ => "Cần nhập một số.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Cần nhập một số.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Cần nhập giá trị này.");
        messages.SetMissingKeyOrValueAccessor(() => "Cần nhập giá trị này.");
        messages.SetValueMustNotBeNullAccessor(_ => "Cần nhập giá trị này.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung gửi lên.");
    }
}
