// Usage: dotnet run --project tools/AddMigration -- <MigrationName>
// Writes the migration and the updated model snapshot into src/LandQuality/Data/Migrations.
using LandQuality.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: AddMigration <MigrationName>");
    return 2;
}

var repoRoot = Directory.GetCurrentDirectory();
var projectDir = Path.Combine(repoRoot, "src", "LandQuality");
// Scaffolding only reads the model; no server is contacted.
var options = new DbContextOptionsBuilder<LandQualityDbContext>().UseNpgsql("Host=unused").Options;
await using var context = new LandQualityDbContext(options);

var services = new ServiceCollection();
services.AddEntityFrameworkDesignTimeServices();
services.AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // the provider's design-time services are what dotnet-ef itself uses
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
var scaffolder = services.BuildServiceProvider().GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(args[0], "LandQuality", "Data.Migrations", "C#");
var files = scaffolder.Save(projectDir, migration, Path.Combine(projectDir, "Data", "Migrations"));
// The scaffolder places the snapshot by namespace, which lands one folder too deep here; keep it beside the migrations.
var snapshotFile = files.SnapshotFile ?? throw new InvalidOperationException("The scaffolder wrote no model snapshot.");
var snapshot = Path.Combine(projectDir, "Data", "Migrations", Path.GetFileName(snapshotFile));
if (snapshotFile != snapshot)
{
    File.Move(snapshotFile, snapshot, overwrite: true);
    Directory.Delete(Path.Combine(projectDir, "LandQuality"), recursive: true);
}
Console.WriteLine($"wrote {files.MigrationFile}\nwrote {snapshot}");
return 0;
