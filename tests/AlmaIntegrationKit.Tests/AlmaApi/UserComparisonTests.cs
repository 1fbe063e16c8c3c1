using AlmaIntegrationKit.AlmaApi;

namespace AlmaIntegrationKit.Tests.AlmaApi;

/// <summary>
/// The comparison over the whole delivered record: what <c>verify-users</c> compares once the state keeps status,
/// dates, identifiers and the preferred email (today the state holds primary_id, group and the Match ID).
/// </summary>
public sealed class UserComparisonTests
{
    private static readonly DeliveredUser Delivered = new("P1", "jdoe", null, "jdoe", "UNDERGRAD", "ACTIVE",
        new DateOnly(2030, 6, 30), new DateOnly(2032, 6, 30), [new AlmaIdentifier("UNIV_ID", "P1"), new AlmaIdentifier("BARCODE", "B1")], "Jo@Example.edu");

    private static readonly AlmaUserView InAlma = new("JDOE", "UNDERGRAD", "ACTIVE", new DateOnly(2030, 6, 30), new DateOnly(2032, 6, 30),
        [new AlmaIdentifier("BARCODE", "B1"), new AlmaIdentifier("UNIV_ID", "P1"), new AlmaIdentifier("INTERNAL", "X9")], "jo@example.edu");

    [Fact]
    public void The_same_record_is_as_delivered_primary_id_and_email_ignoring_case_and_extra_identifiers_in_alma_allowed()
    {
        var finding = UserComparison.Compare(Delivered, InAlma);

        Assert.Equal(UserVerdict.Same, finding.Verdict);
        Assert.Empty(finding.Differences);
    }

    [Fact]
    public void Every_field_that_differs_is_named_with_both_values()
    {
        var alma = InAlma with
        {
            UserGroup = "GRAD",
            Status = "INACTIVE",
            ExpiryDate = new DateOnly(2030, 1, 1),
            PurgeDate = null,
            Identifiers = [new AlmaIdentifier("UNIV_ID", "P1"), new AlmaIdentifier("BARCODE", "B2")],
            PreferredEmail = "other@example.edu",
        };

        var finding = UserComparison.Compare(Delivered, alma);

        Assert.Equal(UserVerdict.Differs, finding.Verdict);
        Assert.Equal(
        [
            new FieldDifference("user_group", "UNDERGRAD", "GRAD"),
            new FieldDifference("status", "ACTIVE", "INACTIVE"),
            new FieldDifference("expiry_date", "2030-06-30", "2030-01-01"),
            new FieldDifference("purge_date", "2032-06-30", "(none)"),
            new FieldDifference("user_identifier BARCODE", "B1", "B2"),
            new FieldDifference("preferred email", "Jo@Example.edu", "other@example.edu"),
        ], finding.Differences);
    }

    [Fact]
    public void What_the_state_does_not_hold_is_not_compared_but_the_match_id_identifier_is()
    {
        var partial = new DeliveredUser("P1", "jdoe", "UNIV_ID", "P7", "UNDERGRAD", null, null, null, null, null);

        var finding = UserComparison.Compare(partial, InAlma with { Status = "INACTIVE", PreferredEmail = null });

        Assert.Equal([new FieldDifference("user_identifier UNIV_ID (Match ID)", "P7", "(none)")], finding.Differences);
    }

    [Fact]
    public void Not_found_and_found_under_another_primary_id_are_verdicts_of_their_own()
    {
        Assert.Equal(UserVerdict.NotInAlma, UserComparison.Compare(Delivered, null).Verdict);
        var other = UserComparison.Compare(Delivered, InAlma with { PrimaryId = "jdoe2" });
        Assert.Equal(UserVerdict.OtherPrimaryId, other.Verdict);
        Assert.Equal("jdoe2", other.AlmaPrimaryId);
    }

    [Theory]
    [InlineData("UserGroups", "UserGroups")]
    [InlineData("MT_UserRecordType2EmailType_by_CT_UserEmailTypes_source1:staff,public,contact_source2:anything", "UserEmailTypes")]
    [InlineData("MT_UserRecordType2PhoneType_by_CT_UserPhoneTypes_source1:staff,public,contact_source2:anything", "UserPhoneTypes")]
    [InlineData("", null)]
    public void The_table_behind_a_schema_field_is_the_code_table_or_the_one_a_mapping_table_maps_into(string codeTable, string? table) =>
        Assert.Equal(table, SentCodeCollector.TableOf(codeTable));
}
