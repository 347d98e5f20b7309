using System.Collections.Frozen;

namespace Streaming.Catalog.Core;

/// <summary>
/// Latin letters with diacritics folded to ASCII (generated from Unicode NFKD with combining marks
/// removed, plus letters NFKD keeps: ø æ œ ß ł đ þ ð ı ...). Needed because the repository runs with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> does not decompose.
/// </summary>
internal static class LatinFolding
{
    private const string SingleFrom = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŊŋŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƏƒƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǝǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹə";
    private const string SingleTo = "aaaaaaceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkkllllllllllnnnnnnnnoooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsefoouuaaiioouuuuuuuuuueaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyye";

    private static readonly FrozenDictionary<char, string> Map = Build();

    public static bool TryFold(char c, out string folded) => Map.TryGetValue(c, out folded!);

    private static FrozenDictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>();
        for (var i = 0; i < SingleFrom.Length; i++)
        {
            map[SingleFrom[i]] = SingleTo[i].ToString();
        }
        map['Æ'] = "ae";
        map['Þ'] = "th";
        map['ß'] = "ss";
        map['æ'] = "ae";
        map['þ'] = "th";
        map['Ĳ'] = "ij";
        map['ĳ'] = "ij";
        map['Œ'] = "oe";
        map['œ'] = "oe";
        map['Ǆ'] = "dz";
        map['ǅ'] = "dz";
        map['ǆ'] = "dz";
        map['Ǉ'] = "lj";
        map['ǈ'] = "lj";
        map['ǉ'] = "lj";
        map['Ǌ'] = "nj";
        map['ǋ'] = "nj";
        map['ǌ'] = "nj";
        map['Ǳ'] = "dz";
        map['ǲ'] = "dz";
        map['ǳ'] = "dz";
        map['ẞ'] = "ss";
        return map.ToFrozenDictionary();
    }
}
