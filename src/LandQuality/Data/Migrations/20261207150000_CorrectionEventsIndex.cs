using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// The corrections among the history entries, by id: each import looks for the parcels corrected since its
    /// file's last import (Imports/RowHashStore.cs), and that range of the history also holds the last import's own
    /// entries — after a first load, 1.12 M of them scanned to find none (0.9 s at Huế scale). Corrections are few,
    /// so the index is small. Not part of the EF model, like the table it serves (migration ImportRowHashes).
    /// </summary>
    public partial class CorrectionEventsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_audit_events_corrections ON audit_events (id) INCLUDE (parcel_id) WHERE kind = 'correction_applied';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_audit_events_corrections;");
        }
    }
}
