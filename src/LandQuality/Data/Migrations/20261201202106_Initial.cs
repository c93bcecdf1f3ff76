using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LandQuality.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    prev_hash = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_heads",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_heads", x => x.parcel_id);
                });

            migrationBuilder.CreateTable(
                name: "cccd_province_codes",
                columns: table => new
                {
                    version = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cccd_province_codes", x => new { x.version, x.code });
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    serial = table.Column<string>(type: "text", nullable: true),
                    book_no = table.Column<string>(type: "text", nullable: true),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => x.parcel_id);
                });

            migrationBuilder.CreateTable(
                name: "communes",
                columns: table => new
                {
                    version = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    division_type = table.Column<string>(type: "text", nullable: false),
                    province_code = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_communes", x => new { x.version, x.code });
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    workflow = table.Column<string>(type: "text", nullable: false),
                    rule_name = table.Column<string>(type: "text", nullable: false),
                    dimension = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    is_rule_error = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_findings", x => new { x.parcel_id, x.run_id, x.workflow, x.rule_name });
                });

            migrationBuilder.CreateTable(
                name: "import_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    line = table.Column<long>(type: "bigint", nullable: false),
                    column_name = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    raw_line = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_rejects", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    imported_by = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "land_use_codes",
                columns: table => new
                {
                    version = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    group = table.Column<string>(type: "text", nullable: false),
                    name_vi = table.Column<string>(type: "text", nullable: false),
                    is_legacy = table.Column<bool>(type: "boolean", nullable: false),
                    maps_to = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_land_use_codes", x => new { x.version, x.code });
                });

            migrationBuilder.CreateTable(
                name: "owners",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    full_name = table.Column<string>(type: "text", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    birth_year = table.Column<int>(type: "integer", nullable: true),
                    gender = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    id_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    share = table.Column<decimal>(type: "numeric(9,6)", precision: 9, scale: 6, nullable: true),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_owners", x => new { x.parcel_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "parcel_purposes",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    seq = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    area_m2 = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parcel_purposes", x => new { x.parcel_id, x.seq });
                });

            migrationBuilder.CreateTable(
                name: "parcel_status",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    rule_set_version_id = table.Column<long>(type: "bigint", nullable: false),
                    correct = table.Column<bool>(type: "boolean", nullable: false),
                    sufficient = table.Column<bool>(type: "boolean", nullable: false),
                    clean = table.Column<bool>(type: "boolean", nullable: false),
                    alive = table.Column<bool>(type: "boolean", nullable: false),
                    errors = table.Column<int>(type: "integer", nullable: false),
                    warnings = table.Column<int>(type: "integer", nullable: false),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parcel_status", x => x.parcel_id);
                });

            migrationBuilder.CreateTable(
                name: "parcels",
                columns: table => new
                {
                    parcel_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    commune_code = table.Column<string>(type: "character(5)", fixedLength: true, maxLength: 5, nullable: false),
                    map_sheet = table.Column<int>(type: "integer", nullable: true),
                    parcel_no = table.Column<int>(type: "integer", nullable: true),
                    address = table.Column<string>(type: "text", nullable: true),
                    area_m2 = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    legal_area_m2 = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    land_use_term = table.Column<string>(type: "text", nullable: true),
                    land_use_origin = table.Column<string>(type: "text", nullable: true),
                    geometry_wkt = table.Column<string>(type: "text", nullable: true),
                    updated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_parcels", x => x.parcel_id);
                });

            migrationBuilder.CreateTable(
                name: "population_records",
                columns: table => new
                {
                    id_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    full_name = table.Column<string>(type: "text", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    gender = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    permanent_address = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    import_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_records", x => x.id_number);
                });

            migrationBuilder.CreateTable(
                name: "provinces",
                columns: table => new
                {
                    version = table.Column<string>(type: "text", nullable: false),
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    division_type = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provinces", x => new { x.version, x.code });
                });

            migrationBuilder.CreateTable(
                name: "reference_versions",
                columns: table => new
                {
                    version = table.Column<string>(type: "text", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "reviewers",
                columns: table => new
                {
                    user_name = table.Column<string>(type: "text", nullable: false),
                    full_name = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    jurisdiction = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviewers", x => x.user_name);
                });

            migrationBuilder.CreateTable(
                name: "rule_set_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_set = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    change_note = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "text", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rule_set_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "task_operations",
                columns: table => new
                {
                    operation_id = table.Column<string>(type: "text", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    result = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_operations", x => x.operation_id);
                });

            migrationBuilder.CreateTable(
                name: "workflow_definitions",
                columns: table => new
                {
                    workflow_id = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "text", nullable: false),
                    is_published = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_definitions", x => new { x.workflow_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "import_files",
                columns: table => new
                {
                    import_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_loaded = table.Column<long>(type: "bigint", nullable: false),
                    rows_rejected = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_files", x => new { x.import_id, x.file_name });
                    table.ForeignKey(
                        name: "fk_import_files_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    rule_set_version_id = table.Column<long>(type: "bigint", nullable: false),
                    scope = table.Column<string>(type: "text", nullable: false),
                    started_by = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    parcels_evaluated = table.Column<long>(type: "bigint", nullable: false),
                    findings_count = table.Column<long>(type: "bigint", nullable: false),
                    seconds = table.Column<double>(type: "double precision", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluation_runs_rule_set_versions_rule_set_version_id",
                        column: x => x.rule_set_version_id,
                        principalTable: "rule_set_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_cases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    commune_code = table.Column<string>(type: "text", nullable: false),
                    workflow_id = table.Column<string>(type: "text", nullable: false),
                    workflow_version = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    police_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "text", nullable: false),
                    opened_by_run_id = table.Column<long>(type: "bigint", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_cases_workflow_definitions_workflow_id_workflow_vers~",
                        columns: x => new { x.workflow_id, x.workflow_version },
                        principalTable: "workflow_definitions",
                        principalColumns: new[] { "workflow_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_run_communes",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    commune_code = table.Column<string>(type: "text", nullable: false),
                    parcels = table.Column<long>(type: "bigint", nullable: false),
                    findings = table.Column<long>(type: "bigint", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_run_communes", x => new { x.run_id, x.commune_code });
                    table.ForeignKey(
                        name: "fk_evaluation_run_communes_evaluation_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "evaluation_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    content_type = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    bytes = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "text", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_attachments_review_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "review_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "corrections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: false),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: false),
                    before = table.Column<string>(type: "text", nullable: true),
                    after = table.Column<string>(type: "text", nullable: true),
                    actor = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    attachment_ids = table.Column<long[]>(type: "bigint[]", nullable: false),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_corrections", x => x.id);
                    table.ForeignKey(
                        name: "fk_corrections_review_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "review_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    parcel_id = table.Column<string>(type: "text", nullable: false),
                    stage = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    jurisdiction = table.Column<string>(type: "text", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalate_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    escalated_to_role = table.Column<string>(type: "text", nullable: true),
                    escalated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    claimed_by = table.Column<string>(type: "text", nullable: true),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "text", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_review_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_review_tasks_review_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "review_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_attachments_case_id",
                table: "attachments",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_parcel_id_seq",
                table: "audit_events",
                columns: new[] { "parcel_id", "seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_corrections_case_id",
                table: "corrections",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_corrections_parcel_id",
                table: "corrections",
                column: "parcel_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_runs_rule_set_version_id",
                table: "evaluation_runs",
                column: "rule_set_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_import_rejects_import_id",
                table: "import_rejects",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_owners_id_number",
                table: "owners",
                column: "id_number");

            migrationBuilder.CreateIndex(
                name: "ix_parcels_commune_code_map_sheet_parcel_no",
                table: "parcels",
                columns: new[] { "commune_code", "map_sheet", "parcel_no" });

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_one_open_per_parcel",
                table: "review_cases",
                column: "parcel_id",
                unique: true,
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_status_stage_commune_code",
                table: "review_cases",
                columns: new[] { "status", "stage", "commune_code" });

            migrationBuilder.CreateIndex(
                name: "ix_review_cases_workflow_id_workflow_version",
                table: "review_cases",
                columns: new[] { "workflow_id", "workflow_version" });

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_case_id",
                table: "review_tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_escalated_queue",
                table: "review_tasks",
                columns: new[] { "escalated_to_role", "jurisdiction", "priority", "due_at", "id" },
                descending: new[] { false, false, true, false, false },
                filter: "status = 'Open' AND escalated_to_role IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_queue",
                table: "review_tasks",
                columns: new[] { "role", "jurisdiction", "priority", "due_at", "id" },
                descending: new[] { false, false, true, false, false },
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_review_tasks_sla",
                table: "review_tasks",
                column: "escalate_at",
                filter: "status IN ('Open', 'Claimed') AND escalated_to_role IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_one_published",
                table: "rule_set_versions",
                column: "rule_set",
                unique: true,
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_rule_set_versions_rule_set_version",
                table: "rule_set_versions",
                columns: new[] { "rule_set", "version" },
                unique: true);

            // Versions are immutable: only the status columns may change, and nothing is deleted.
            migrationBuilder.Sql("""
                CREATE FUNCTION rule_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
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
                CREATE TRIGGER rule_set_versions_immutable BEFORE UPDATE OR DELETE ON rule_set_versions
                    FOR EACH ROW EXECUTE FUNCTION rule_set_versions_immutable();
                """);

            // The history is append-only for the application: corrections are new entries, never edits.
            // (Someone with the rights to drop this trigger is caught by the hash chain instead.)
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_events is append-only (% of entry % of parcel %)', TG_OP, OLD.seq, OLD.parcel_id;
                END $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_events_append_only ON audit_events; DROP FUNCTION audit_events_append_only();");
            migrationBuilder.Sql("DROP TRIGGER rule_set_versions_immutable ON rule_set_versions; DROP FUNCTION rule_set_versions_immutable();");
            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "audit_heads");

            migrationBuilder.DropTable(
                name: "cccd_province_codes");

            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropTable(
                name: "communes");

            migrationBuilder.DropTable(
                name: "corrections");

            migrationBuilder.DropTable(
                name: "evaluation_run_communes");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "import_files");

            migrationBuilder.DropTable(
                name: "import_rejects");

            migrationBuilder.DropTable(
                name: "land_use_codes");

            migrationBuilder.DropTable(
                name: "owners");

            migrationBuilder.DropTable(
                name: "parcel_purposes");

            migrationBuilder.DropTable(
                name: "parcel_status");

            migrationBuilder.DropTable(
                name: "parcels");

            migrationBuilder.DropTable(
                name: "population_records");

            migrationBuilder.DropTable(
                name: "provinces");

            migrationBuilder.DropTable(
                name: "reference_versions");

            migrationBuilder.DropTable(
                name: "review_tasks");

            migrationBuilder.DropTable(
                name: "reviewers");

            migrationBuilder.DropTable(
                name: "task_operations");

            migrationBuilder.DropTable(
                name: "evaluation_runs");

            migrationBuilder.DropTable(
                name: "imports");

            migrationBuilder.DropTable(
                name: "review_cases");

            migrationBuilder.DropTable(
                name: "rule_set_versions");

            migrationBuilder.DropTable(
                name: "workflow_definitions");
        }
    }
}
