namespace LandQuality.Registry;

public enum LifeStatus { Alive, Deceased }

/// <summary>The national population database's view of one person, as handed over by the police.</summary>
public sealed class PopulationRecord
{
    public required string IdNumber { get; init; }
    public required string FullName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? Gender { get; set; }
    public string? PermanentAddress { get; set; }
    public LifeStatus Status { get; set; }
    /// <summary>The snapshot import that delivered this record.</summary>
    public long ImportId { get; set; }
}
