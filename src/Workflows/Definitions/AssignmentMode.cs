namespace Workflows.Definitions;

/// <summary>How a human task of a step gets its holder (<c>"assignment"</c> in the step's JSON).</summary>
public enum AssignmentMode
{
    /// <summary><c>queue</c> (the default): the role's queue of the plan's body; one of its holders claims the task.</summary>
    Queue,

    /// <summary><c>chosenByPrevious</c> ("chuyển xử lý"): the person completing the step before picks the holder among the
    /// role's users of the body.</summary>
    ChosenByPrevious,
}
