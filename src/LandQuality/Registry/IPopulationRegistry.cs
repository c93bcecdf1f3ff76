namespace LandQuality.Registry;

/// <summary>
/// The population registry port. In production the police run it as an external service; here a
/// PostgreSQL snapshot (<see cref="PostgresPopulationRegistry"/>) stands in and serves the set-wide
/// evaluation pass without a network round trip per person.
/// </summary>
public interface IPopulationRegistry
{
    Task<PopulationRecord?> FindAsync(string idNumber, CancellationToken ct);

    /// <summary>Looks up many people at once; unknown numbers are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, PopulationRecord>> FindManyAsync(IReadOnlyCollection<string> idNumbers, CancellationToken ct);
}
