using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatusFillfactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "parcel_status")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 1.0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 1.0)
                .Annotation("Npgsql:StorageParameter:fillfactor", 50)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 1.0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 1.0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "parcel_status")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 1.0)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 1.0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 1.0)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 1.0)
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
