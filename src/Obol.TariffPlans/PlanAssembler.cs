using CsvHelper;

namespace Obol.TariffPlans;

/// <summary>One read of a plan: routes each file's rows to its reader, then builds the plan and checks references.</summary>
internal sealed class PlanAssembler
{
    private readonly bool _resolveReferences;

    private readonly ErrorCollector _errors = new();
    private readonly ReferenceCollector _references = new();
    private readonly RatingRows _rating;
    private readonly AccountingRows _accounting;
    private readonly FilterProfiles _filters = new();
    private readonly AttributeProfiles _attributes;
    private readonly ChargerProfiles _chargers;
    private readonly DispatcherProfiles _dispatcherProfiles;
    private readonly DispatcherHosts _dispatcherHosts = new();
    private readonly TrendProfiles _trends = new();
    private readonly RankingProfiles _rankings = new();
    private readonly RouteProfiles _routes;
    private readonly StatProfiles _stats;
    private readonly ThresholdProfiles _thresholds;
    private readonly ResourceProfiles _resources;
    private readonly IpProfiles _ips;
    private readonly PlanFileReader _fileReader;
    private readonly Action<PlanRow>[] _handlers;

    public PlanAssembler(TariffPlanReadOptions options)
    {
        _resolveReferences = options.ResolveReferences;
        _rating = new RatingRows(_references);
        _accounting = new AccountingRows(_references);
        _attributes = new AttributeProfiles(_references);
        _chargers = new ChargerProfiles(_references);
        _dispatcherProfiles = new DispatcherProfiles(_references);
        _routes = new RouteProfiles(_references);
        _stats = new StatProfiles(_references);
        _thresholds = new ThresholdProfiles(_references);
        _resources = new ResourceProfiles(_references);
        _ips = new IpProfiles(_references);
        _fileReader = new PlanFileReader(_errors, new PlanRow(_errors, options), options.FieldSeparator);
        _handlers = new Action<PlanRow>[PlanFiles.LoadOrder.Length];
        _handlers[(int)PlanFileKind.Destinations] = _rating.ReadDestination;
        _handlers[(int)PlanFileKind.Timings] = _rating.ReadTiming;
        _handlers[(int)PlanFileKind.Rates] = _rating.ReadRate;
        _handlers[(int)PlanFileKind.DestinationRates] = _rating.ReadDestinationRate;
        _handlers[(int)PlanFileKind.RatingPlans] = _rating.ReadRatingPlan;
        _handlers[(int)PlanFileKind.RatingProfiles] = _rating.ReadRatingProfile;
        _handlers[(int)PlanFileKind.SharedGroups] = _accounting.ReadSharedGroup;
        _handlers[(int)PlanFileKind.Actions] = _accounting.ReadAction;
        _handlers[(int)PlanFileKind.ActionPlans] = _accounting.ReadActionPlan;
        _handlers[(int)PlanFileKind.ActionTriggers] = _accounting.ReadActionTrigger;
        _handlers[(int)PlanFileKind.AccountActions] = _accounting.ReadAccountAction;
        _handlers[(int)PlanFileKind.Filters] = _filters.Read;
        _handlers[(int)PlanFileKind.Resources] = _resources.Read;
        _handlers[(int)PlanFileKind.Stats] = _stats.Read;
        _handlers[(int)PlanFileKind.Thresholds] = _thresholds.Read;
        _handlers[(int)PlanFileKind.Routes] = _routes.Read;
        _handlers[(int)PlanFileKind.Attributes] = _attributes.Read;
        _handlers[(int)PlanFileKind.Chargers] = _chargers.Read;
        _handlers[(int)PlanFileKind.DispatcherProfiles] = _dispatcherProfiles.Read;
        _handlers[(int)PlanFileKind.DispatcherHosts] = _dispatcherHosts.Read;
        _handlers[(int)PlanFileKind.Trends] = _trends.Read;
        _handlers[(int)PlanFileKind.Rankings] = _rankings.Read;
        _handlers[(int)PlanFileKind.Ips] = _ips.Read;
    }

    public void ReadFile(string file, PlanFileKind kind, Func<CsvReaderOptions, CsvReader> open) =>
        _fileReader.Read(file, kind, open, _handlers[(int)kind]);

    public void AddError(string file, string message) => _errors.Add(file, 0, "", message);

    public void AddWarning(string file, string message) => _errors.Add(file, 0, "", message, isWarning: true);

    public TariffPlanReadResult Finish()
    {
        var plan = new TariffPlan
        {
            Timings = _rating.Timings,
            Destinations = _rating.Destinations,
            Rates = _rating.Rates,
            DestinationRates = _rating.DestinationRates,
            RatingPlans = _rating.RatingPlans,
            RatingProfiles = _rating.RatingProfiles,
            SharedGroups = _accounting.SharedGroups,
            Actions = _accounting.Actions,
            ActionPlans = _accounting.ActionPlans,
            ActionTriggers = _accounting.ActionTriggers,
            AccountActions = _accounting.AccountActions,
            Filters = _filters.Build(),
            Attributes = _attributes.Build(),
            Chargers = _chargers.Build(),
            DispatcherProfiles = _dispatcherProfiles.Build(),
            DispatcherHosts = _dispatcherHosts.Build(),
            Trends = _trends.Build(),
            Rankings = _rankings.Build(),
            Routes = _routes.Build(),
            Stats = _stats.Build(),
            Thresholds = _thresholds.Build(),
            Resources = _resources.Build(),
            Ips = _ips.Build(),
        };
        if (_resolveReferences)
        {
            ReferenceResolver.Resolve(plan, _references.Pending, _errors);
        }
        return new TariffPlanReadResult(plan, _errors.ToOrderedList());
    }
}
