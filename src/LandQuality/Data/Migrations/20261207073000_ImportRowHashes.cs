using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <summary>
    /// What each interchange file's keys hold in the database, as hashes (Imports/RowHashes.cs): a re-import
    /// stages only the rows whose hash changed. One row per file name, rewritten by every import of that file in
    /// its merge's transaction; <c>audit_watermark</c> is the last history entry then, so that a correction
    /// applied since makes its parcel's row staged again. Not part of the EF model: only the importer reads it,
    /// as two arrays (sorted 16-byte key hashes, 8-byte row hashes) stored uncompressed (random bytes do not compress).
    /// </summary>
    public partial class ImportRowHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE import_row_hashes (
                    file_name text PRIMARY KEY,
                    import_id bigint NOT NULL,
                    audit_watermark bigint NOT NULL,
                    keys bytea NOT NULL,
                    hashes bytea NOT NULL);
                ALTER TABLE import_row_hashes ALTER COLUMN keys SET STORAGE EXTERNAL, ALTER COLUMN hashes SET STORAGE EXTERNAL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE import_row_hashes;");
        }
    }
}
