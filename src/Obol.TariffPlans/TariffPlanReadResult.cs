namespace Obol.TariffPlans;

/// <summary>The records that could be read and every error and warning found; bad rows are left out of the plan.</summary>
public sealed record TariffPlanReadResult(TariffPlan Plan, IReadOnlyList<TariffPlanError> Errors)
{
    /// <summary>True when there is no error; warnings do not count.</summary>
    public bool Succeeded
    {
        get
        {
            foreach (var error in Errors)
            {
                if (!error.IsWarning)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
