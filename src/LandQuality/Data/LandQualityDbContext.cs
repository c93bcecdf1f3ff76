using LandQuality.Imports;
using LandQuality.Parcels;
using LandQuality.Reference;
using LandQuality.Registry;
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
            e.HasMany(p => p.Purposes).WithOne().HasForeignKey(x => x.ParcelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Owners).WithOne().HasForeignKey(x => x.ParcelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(p => p.Certificate).WithOne().HasForeignKey<Certificate>(c => c.ParcelId).OnDelete(DeleteBehavior.Cascade);
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
            e.HasIndex(o => o.IdNumber);
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

        SnakeCaseNames.Apply(model);
    }
}
