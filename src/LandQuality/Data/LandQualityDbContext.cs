using LandQuality.Audit;
using LandQuality.Imports;
using LandQuality.Parcels;
using LandQuality.Reference;
using LandQuality.Registry;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Rules.Drafts;
using LandQuality.Rules.Drafts.Previews;
using LandQuality.Rules.Runs;
using LandQuality.Rules.Versions;
using Microsoft.EntityFrameworkCore;

namespace LandQuality.Data;

public sealed class LandQualityDbContext(DbContextOptions<LandQualityDbContext> options) : DbContext(options)
{
    public DbSet<Parcel> Parcels => Set<Parcel>();
    public DbSet<ParcelPurpose> ParcelPurposes => Set<ParcelPurpose>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Owner> Owners => Set<Owner>();
    public DbSet<PopulationRecord> PopulationRecords => Set<PopulationRecord>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportReject> ImportRejects => Set<ImportReject>();
    public DbSet<ReferenceVersion> ReferenceVersions => Set<ReferenceVersion>();
    public DbSet<ProvinceRow> Provinces => Set<ProvinceRow>();
    public DbSet<CommuneRow> Communes => Set<CommuneRow>();
    public DbSet<CccdProvinceCodeRow> CccdProvinceCodes => Set<CccdProvinceCodeRow>();
    public DbSet<LandUseCodeRow> LandUseCodes => Set<LandUseCodeRow>();
    public DbSet<RuleSetVersion> RuleSetVersions => Set<RuleSetVersion>();
    public DbSet<RuleDraft> RuleDrafts => Set<RuleDraft>();
    public DbSet<RuleDraftEvent> RuleDraftEvents => Set<RuleDraftEvent>();
    public DbSet<RuleDraftPreview> RuleDraftPreviews => Set<RuleDraftPreview>();
    public DbSet<RuleDraftPreviewParcels> RuleDraftPreviewParcels => Set<RuleDraftPreviewParcels>();
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();
    public DbSet<EvaluationRunBatch> EvaluationRunBatches => Set<EvaluationRunBatch>();
    public DbSet<Rules.Runs.Partitions.RunPartition> RunPartitions => Set<Rules.Runs.Partitions.RunPartition>();
    public DbSet<FindingRow> Findings => Set<FindingRow>();
    public DbSet<ParcelStatus> ParcelStatuses => Set<ParcelStatus>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<ReviewCase> ReviewCases => Set<ReviewCase>();
    public DbSet<ReviewTask> ReviewTasks => Set<ReviewTask>();
    public DbSet<Correction> Corrections => Set<Correction>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Reviewer> Reviewers => Set<Reviewer>();
    public DbSet<TaskOperation> TaskOperations => Set<TaskOperation>();
    public DbSet<WorkflowDefinitionVersion> WorkflowDefinitions => Set<WorkflowDefinitionVersion>();
    public DbSet<WorkflowPublication> WorkflowPublications => Set<WorkflowPublication>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Parcel>(e =>
        {
            e.ToTable("parcels");
            e.HasKey(p => p.ParcelId);
            e.Property(p => p.ParcelId).HasMaxLength(40);
            e.Property(p => p.CommuneCode).HasMaxLength(5).IsFixedLength();
            e.Property(p => p.AreaM2).HasPrecision(14, 2);
            e.Property(p => p.LegalAreaM2).HasPrecision(14, 2);
            e.Property(p => p.Revision).IsRowVersion();
            e.HasIndex(p => new { p.CommuneCode, p.MapSheet, p.ParcelNo });
            // A duplicate retired into another record (Review/Cases/ParcelRetirement): kept, no longer evaluated.
            // Written and read only in SQL, so shadow properties; the few retired parcels have an index of their own.
            e.Property<DateTimeOffset?>("RetiredAt");
            e.Property<string?>("RetiredBy");
            e.Property<string?>("RetiredInto").HasMaxLength(40);
            e.HasIndex("ParcelId").HasDatabaseName("ix_parcels_retired").HasFilter("retired_at IS NOT NULL");
        });
        model.Entity<ParcelPurpose>(e =>
        {
            e.ToTable("parcel_purposes");
            e.HasKey(p => new { p.ParcelId, p.Seq });
            e.Property(p => p.Code).HasMaxLength(10);
            e.Property(p => p.AreaM2).HasPrecision(14, 2);
            e.Property(p => p.Revision).IsRowVersion();
        });
        model.Entity<Certificate>(e =>
        {
            e.ToTable("certificates");
            e.HasKey(c => c.ParcelId);
            e.Property(c => c.Revision).IsRowVersion();
        });
        model.Entity<Owner>(e =>
        {
            e.ToTable("owners");
            e.HasKey(o => new { o.ParcelId, o.Seq });
            e.Property(o => o.Gender).HasMaxLength(1);
            e.Property(o => o.IdNumber).HasMaxLength(20);
            e.Property(o => o.Share).HasPrecision(9, 6);
            e.Property(o => o.Revision).IsRowVersion();
            // Covering: the set-wide count of names per ID number reads the index alone, in ID order.
            e.HasIndex(o => o.IdNumber).IncludeProperties(o => o.FullName);
        });
        model.Entity<PopulationRecord>(e =>
        {
            e.ToTable("population_records");
            e.HasKey(p => p.IdNumber);
            e.Property(p => p.IdNumber).HasMaxLength(20);
            e.Property(p => p.Gender).HasMaxLength(1);
            e.Property(p => p.Status).HasConversion(s => s == LifeStatus.Deceased ? "deceased" : "alive",
                s => s == "deceased" ? LifeStatus.Deceased : LifeStatus.Alive).HasMaxLength(10);
        });
        model.Entity<ImportRecord>(e =>
        {
            e.ToTable("imports");
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
            e.HasMany(i => i.Files).WithOne().HasForeignKey(f => f.ImportId);
        });
        model.Entity<ImportFile>(e =>
        {
            e.ToTable("import_files");
            e.HasKey(f => new { f.ImportId, f.FileName });
        });
        model.Entity<ImportReject>(e =>
        {
            e.ToTable("import_rejects");
            e.HasIndex(r => r.ImportId);
        });
        model.Entity<ReferenceVersion>(e =>
        {
            e.ToTable("reference_versions");
            e.HasKey(v => v.Version);
        });
        model.Entity<ProvinceRow>(e => { e.ToTable("provinces"); e.HasKey(r => new { r.Version, r.Code }); });
        model.Entity<CommuneRow>(e => { e.ToTable("communes"); e.HasKey(r => new { r.Version, r.Code }); });
        model.Entity<CccdProvinceCodeRow>(e => { e.ToTable("cccd_province_codes"); e.HasKey(r => new { r.Version, r.Code }); });
        model.Entity<LandUseCodeRow>(e => { e.ToTable("land_use_codes"); e.HasKey(r => new { r.Version, r.Code }); });

        model.Entity<RuleSetVersion>(e =>
        {
            e.ToTable("rule_set_versions");
            e.HasIndex(v => new { v.RuleSet, v.Version }).IsUnique();
            // At most one published version per rule set: the one evaluation uses.
            e.HasIndex(v => v.RuleSet).IsUnique().HasFilter("status = 'Published'").HasDatabaseName("ix_rule_set_versions_one_published");
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(v => v.Revision).IsRowVersion();
        });
        model.Entity<RuleDraft>(e =>
        {
            e.ToTable("rule_drafts");
            e.HasIndex(d => d.RuleSet);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(d => d.Revision).IsRowVersion();
        });
        model.Entity<RuleDraftEvent>(e =>
        {
            e.ToTable("rule_draft_events");
            e.HasIndex(x => x.DraftId);
            e.HasOne<RuleDraft>().WithMany().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<RuleDraftPreview>(e =>
        {
            e.ToTable("rule_draft_previews");
            e.HasIndex(p => p.DraftId);
            // The background service looks for queued previews every few seconds: only those few rows are indexed.
            e.HasIndex(p => p.Id).HasFilter("status = 'Queued'").HasDatabaseName("ix_rule_draft_previews_queued");
            e.HasOne<RuleDraft>().WithMany().HasForeignKey(p => p.DraftId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(p => p.Report).HasColumnType("jsonb");
        });
        model.Entity<RuleDraftPreviewParcels>(e =>
        {
            e.ToTable("rule_draft_preview_parcels");
            e.HasKey(p => p.PreviewId);
            e.HasOne<RuleDraftPreview>().WithOne().HasForeignKey<RuleDraftPreviewParcels>(p => p.PreviewId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<EvaluationRun>(e =>
        {
            e.ToTable("evaluation_runs");
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
            e.HasOne<RuleSetVersion>().WithMany().HasForeignKey(r => r.RuleSetVersionId).OnDelete(DeleteBehavior.Restrict);
        });
        model.ApplyConfiguration(new Rules.Runs.Partitions.RunPartitionConfiguration());
        model.Entity<EvaluationRunBatch>(e =>
        {
            e.ToTable("evaluation_run_batches");
            e.HasKey(c => new { c.RunId, c.LastParcelId });
            e.HasOne<EvaluationRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<FindingRow>(e =>
        {
            e.ToTable("findings");
            // Run first: a run's findings arrive in parcel order, so each insert lands on the rightmost
            // page of the key and the write costs the same however many runs the table already holds
            // (parcel first, every run's inserts were scattered over all earlier runs' pages, and each run
            // stored more slowly than the last). Per-parcel lookups name the run: the current findings
            // through parcel_status.run_id, the history through the parcel's runs. One index, not two.
            e.HasKey(f => new { f.RunId, f.ParcelId, f.Workflow, f.RuleName });
            // No foreign keys on findings and parcel_status: they are written by COPY a million rows
            // at a time, where a per-row RI check would cost more than the write; the runner writes
            // them only for its own run and the parcels it read.
            // Append-only, a million rows per run: the default (vacuum after inserts of 20% of the table)
            // scanned it several times during every run; once per table's worth of inserts is enough.
            e.HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 1.0);
        });
        model.Entity<ParcelStatus>(e =>
        {
            e.ToTable("parcel_status");
            e.HasKey(s => s.ParcelId);
            // A full run updates every row; vacuuming at each 20% of dead rows would scan the whole table
            // several times per run while the run is writing. Once per run's worth is enough.
            e.HasStorageParameter("autovacuum_vacuum_scale_factor", 1.0);
            e.HasStorageParameter("autovacuum_vacuum_insert_scale_factor", 1.0);
            // Half of each page free, so a run's update of a row fits on its page (HOT: no index entry),
            // about twice as fast as deleting and inserting the rows again.
            e.HasStorageParameter("fillfactor", 50);
        });

        model.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(a => new { a.ParcelId, a.Seq }).IsUnique();
        });
        model.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_heads");
            e.HasKey(h => h.ParcelId);
            // Scratch for set-based appends (audit_append_many): the head's hash before its last move there,
            // returned by the same UPDATE as the entry's previous hash. Nothing reads it afterwards.
            e.Property<string?>("prev_hash");
            // Every append rewrites its chain's head: with half of each page free the new version stays on its page
            // with no new index entry (a HOT update), half the WAL of a full update.
            e.HasStorageParameter("fillfactor", 50);
        });
        model.Entity<WorkflowDefinitionVersion>(e =>
        {
            e.ToTable("workflow_definitions");
            e.HasKey(w => new { w.WorkflowId, w.Version });
            // Exactly one published version per workflow: the one new cases are pinned to.
            e.HasIndex(w => w.WorkflowId).IsUnique().HasFilter("is_published").HasDatabaseName("ix_workflow_definitions_one_published");
        });
        model.Entity<WorkflowPublication>(e =>
        {
            e.ToTable("workflow_publications");
            e.HasOne<WorkflowDefinitionVersion>().WithMany().HasForeignKey(p => new { p.WorkflowId, p.Version }).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<ReviewCase>(e =>
        {
            e.ToTable("review_cases");
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(c => c.Revision).IsRowVersion();
            // One open case per parcel: opening cases twice must not duplicate them.
            e.HasIndex(c => c.ParcelId).IsUnique().HasFilter("status = 'Open'").HasDatabaseName("ix_review_cases_one_open_per_parcel");
            // A parcel's cases, newest first: its history (`lq cases show`), and whether its last case was parked.
            // parcel_id never changes, so this index keeps stage updates HOT.
            e.HasIndex(c => new { c.ParcelId, c.Id }).HasDatabaseName("ix_review_cases_parcel");
            // Every decision moves its case to another stage. With no index on the stage (no query needs one:
            // `lq cases stats` counts all cases) and room left on each page, that update is HOT: no new
            // entry in any index of the table.
            e.HasStorageParameter("fillfactor", 80);
            e.HasOne<WorkflowDefinitionVersion>().WithMany().HasForeignKey(c => new { c.WorkflowId, c.WorkflowVersion });
        });
        model.Entity<ReviewTask>(e =>
        {
            e.ToTable("review_tasks");
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(12);
            e.HasOne<ReviewCase>().WithMany().HasForeignKey(t => t.CaseId);
            // The claim-next path: open tasks of a role in a jurisdiction, best first.
            e.HasIndex(t => new { t.Role, t.Jurisdiction, t.Priority, t.DueAt, t.Id }).IsDescending(false, false, true, false, false)
                .HasFilter("status = 'Open'").HasDatabaseName("ix_review_tasks_queue");
            e.HasIndex(t => new { t.EscalatedToRole, t.Jurisdiction, t.Priority, t.DueAt, t.Id }).IsDescending(false, false, true, false, false)
                .HasFilter("status = 'Open' AND escalated_to_role IS NOT NULL").HasDatabaseName("ix_review_tasks_escalated_queue");
            // The sweep looks for cases without an active task. Completed tasks stay out of this index, so a
            // completion (every decision) adds nothing to it; cases are never deleted, so the foreign key needs no more.
            e.HasIndex(t => t.CaseId).HasFilter("status IN ('Open', 'Claimed')").HasDatabaseName("ix_review_tasks_active_case");
            e.HasIndex(t => t.EscalateAt).HasFilter("status IN ('Open', 'Claimed') AND escalated_to_role IS NULL").HasDatabaseName("ix_review_tasks_sla");
            // A case's whole story (the case page reads its decided tasks): without it, every case page scanned the table.
            e.HasIndex(t => t.CaseId, "ix_review_tasks_case");
            // What a reviewer holds (their queue's first rows and its counts): few rows, as claims are short.
            e.HasIndex(t => t.ClaimedBy, "ix_review_tasks_claimed").HasFilter("status = 'Claimed'");
        });
        model.Entity<Correction>(e =>
        {
            e.ToTable("corrections");
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
            e.HasIndex(c => c.ParcelId);
            e.HasOne<ReviewCase>().WithMany().HasForeignKey(c => c.CaseId);
        });
        model.Entity<Attachment>(e =>
        {
            e.ToTable("attachments");
            e.HasOne<ReviewCase>().WithMany().HasForeignKey(a => a.CaseId);
        });
        model.Entity<Reviewer>(e => { e.ToTable("reviewers"); e.HasKey(r => r.UserName); });
        model.Entity<TaskOperation>(e => { e.ToTable("task_operations"); e.HasKey(o => o.OperationId); });

        SnakeCaseNames.Apply(model);
    }
}
