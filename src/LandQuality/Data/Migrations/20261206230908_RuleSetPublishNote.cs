using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class RuleSetPublishNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "publish_note",
                table: "rule_set_versions",
                type: "text",
                nullable: true);

            // A forced publish's reason is written with the publish and kept: once set, it never changes.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'rule set versions are never deleted (% v%)', OLD.rule_set, OLD.version;
                    END IF;
                    IF (NEW.rule_set, NEW.version, NEW.content, NEW.content_hash, NEW.author, NEW.created_at, NEW.change_note)
                       IS DISTINCT FROM (OLD.rule_set, OLD.version, OLD.content, OLD.content_hash, OLD.author, OLD.created_at, OLD.change_note)
                       OR (OLD.publish_note IS NOT NULL AND NEW.publish_note IS DISTINCT FROM OLD.publish_note) THEN
                        RAISE EXCEPTION 'rule set version % v% is immutable; publish a new version instead', OLD.rule_set, OLD.version;
                    END IF;
                    RETURN NEW;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        RAISE EXCEPTION 'rule set versions are never deleted (% v%)', OLD.rule_set, OLD.version;
                    END IF;
                    IF (NEW.rule_set, NEW.version, NEW.content, NEW.content_hash, NEW.author, NEW.created_at, NEW.change_note)
                       IS DISTINCT FROM (OLD.rule_set, OLD.version, OLD.content, OLD.content_hash, OLD.author, OLD.created_at, OLD.change_note) THEN
                        RAISE EXCEPTION 'rule set version % v% is immutable; publish a new version instead', OLD.rule_set, OLD.version;
                    END IF;
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.DropColumn(
                name: "publish_note",
                table: "rule_set_versions");
        }
    }
}
