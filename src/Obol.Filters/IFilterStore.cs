namespace Obol.Filters;

/// <summary>Where FilterS finds stored filter profiles (the DataManager's GetFilter).</summary>
public interface IFilterStore
{
    Filter? FindFilter(string tenant, string id);
}
