<?xml version="1.0" encoding="UTF-8"?>
<CityModel xmlns="http://www.opengis.net/citygml/1.0" xmlns:gml="http://www.opengis.net/gml" xmlns:dem="http://www.opengis.net/citygml/relief/1.0" xmlns:wtr="http://www.opengis.net/citygml/waterbody/1.0">
<cityObjectMember><dem:ReliefFeature gml:id="R"><dem:lod>1</dem:lod><dem:reliefComponent><dem:TINRelief gml:id="T"><dem:lod>1</dem:lod><dem:tin><gml:TriangulatedSurface srsName="EPSG:25832"><gml:trianglePatches>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334000 400 691100 5334100 401 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
<gml:Triangle><gml:exterior><gml:LinearRing><gml:posList>691000 5334000 400 691100 5334100 401 691000 5334100 401 691000 5334000 400</gml:posList></gml:LinearRing></gml:exterior></gml:Triangle>
</gml:trianglePatches></gml:TriangulatedSurface></dem:tin></dem:TINRelief></dem:reliefComponent></dem:ReliefFeature></cityObjectMember>
<cityObjectMember><wtr:WaterBody gml:id="W"><wtr:lod1MultiSurface><gml:MultiSurface><gml:surfaceMember><gml:Polygon><gml:exterior><gml:LinearRing><gml:posList>691050 5334050 400 691060 5334050 400 691060 5334060 400 691050 5334060 400 691050 5334050 400</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon></gml:surfaceMember></gml:MultiSurface></wtr:lod1MultiSurface></wtr:WaterBody></cityObjectMember>
</CityModel>
