using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LandQuality.Rules.Runs.Partitions;

/// <summary>Queued: not taken yet (or taken by a worker that died: its work was rolled back). Done: committed, once.</summary>
public enum PartitionStatus { Queued, Running, Done, Failed }

/// <summary>
/// A piece of a background run that one worker evaluates in one transaction: a commune, or for a large
/// commune a key range of it (parcels after <see cref="AfterParcelId"/> up to and including
/// <see cref="UpToParcelId"/>, in code-point order; null ends mean the commune's start or end). Its results
/// and its <see cref="PartitionStatus.Done"/> commit together, so a worker killed half-way leaves nothing
/// behind but the <see cref="PartitionStatus.Running"/> mark, and the partition is taken again elsewhere.
/// </summary>
public sealed class RunPartition
{
    public long RunId { get; init; }
    public int PartitionNo { get; init; }
    public required string CommuneCode { get; init; }
    public string? AfterParcelId { get; init; }
    public string? UpToParcelId { get; init; }
    /// <summary>Live parcels when planned: what progress is weighed by.</summary>
    public long PlannedParcels { get; init; }
    public PartitionStatus Status { get; set; }
    /// <summary>The worker (machine:process) that last took it: who to suspect when it stays Running.</summary>
    public string? Worker { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public long Parcels { get; set; }
    public long Findings { get; set; }
    public double? Seconds { get; set; }
    public string? Error { get; set; }
}

sealed class RunPartitionConfiguration : IEntityTypeConfiguration<RunPartition>
{
    public void Configure(EntityTypeBuilder<RunPartition> e)
    {
        e.ToTable("evaluation_run_partitions");
        e.HasKey(p => new { p.RunId, p.PartitionNo });
        e.Property(p => p.CommuneCode).HasMaxLength(5);
        e.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
        e.HasOne<EvaluationRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
