namespace Workflows.Kernel.Plans;

/// <summary>How a Nơi nhận entry receives the plan.</summary>
public enum RecipientKind
{
    /// <summary>A body, group or person outside the issuing body.</summary>
    External,

    /// <summary>A unit or the leadership of the issuing body itself.</summary>
    Internal,

    /// <summary>A filing copy ("Lưu: VT, TĐ-TH."): never emailed.</summary>
    Archive,
}
