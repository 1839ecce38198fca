package dev.carepath.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.operaton.bpm.model.bpmn.instance.Error;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.Message;
import org.operaton.bpm.model.bpmn.instance.ThrowEvent;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.operaton.bpm.model.bpmn.instance.FlowElement;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.Gateway;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.operaton.bpm.model.bpmn.instance.dc.Bounds;
import org.operaton.bpm.model.bpmn.instance.di.Waypoint;
import org.operaton.bpm.model.xml.instance.ModelElementInstance;

/** Static checks of the journey model as clinical ops and the modelers see it. */
class PatientJourneyModelTest {

    private static BpmnModelInstance model;

    @BeforeAll
    static void readModel() throws Exception {
        try (InputStream in = PatientJourneyModelTest.class.getResourceAsStream("/bpmn/patient-journey.bpmn")) {
            assertThat(in).as("bpmn/patient-journey.bpmn on the classpath").isNotNull();
            model = Bpmn.readModelFromStream(in);
        }
        Bpmn.validateModel(model);
    }

    @Test
    void processIdIsTheFileNameAndItIsExecutableWithAHistoryTimeToLive() {
        Process process = model.getModelElementById("patient-journey");

        assertThat(process).isNotNull();
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getOperatonHistoryTimeToLiveString()).isNotBlank();
    }

    @Test
    void everyElementIdSaysWhatItIs() {
        Collection<BaseElement> elements = model.getModelElementsByType(BaseElement.class);

        assertThat(elements).extracting(BaseElement::getId)
                .allMatch(id -> id.equals("patient-journey")
                        || id.matches("[A-Z][A-Za-z]*_[A-Z][A-Za-z]+"), "readable id")
                .noneMatch(id -> id.matches(".*_[0-9a-z]{7}"));
    }

    @Test
    void everyFlowNodeAndFlowIsDrawn() {
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(shape -> shape.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(edge -> edge.getBpmnElement().getId()).collect(Collectors.toSet());

        assertThat(model.getModelElementsByType(FlowNode.class)).extracting(FlowElement::getId)
                .allMatch(shapes::contains, "has a shape");
        assertThat(model.getModelElementsByType(SequenceFlow.class)).extracting(FlowElement::getId)
                .allMatch(edges::contains, "has an edge");
    }

    @Test
    void noTwoShapesOverlapButABoundaryEventOnItsHostOrAnElementInsideItsSubprocess() {
        List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));
        List<String> overlapping = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                BpmnShape a = shapes.get(i);
                BpmnShape b = shapes.get(j);
                if (intersect(a.getBounds(), b.getBounds()) && !nested(a, b) && !nested(b, a)) {
                    overlapping.add(a.getBpmnElement().getId() + " / " + b.getBpmnElement().getId());
                }
            }
        }
        assertThat(overlapping).as("shapes drawn over each other").isEmpty();
    }

    @Test
    void noLabelIsDrawnOverAnotherShape() {
        List<String> covered = new ArrayList<>();
        for (BpmnShape labelled : model.getModelElementsByType(BpmnShape.class)) {
            if (labelled.getBpmnLabel() == null || labelled.getBpmnLabel().getBounds() == null) {
                continue;
            }
            for (BpmnShape other : model.getModelElementsByType(BpmnShape.class)) {
                if (other != labelled && !nested(other, labelled)
                        && intersect(labelled.getBpmnLabel().getBounds(), other.getBounds())) {
                    covered.add(labelled.getBpmnElement().getId() + " label / " + other.getBpmnElement().getId());
                }
            }
        }
        assertThat(covered).as("labels drawn over shapes").isEmpty();
    }

    @Test
    void everyEdgeRunsFromItsSourceShapeToItsTargetShape() {
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (!(edge.getBpmnElement() instanceof SequenceFlow flow)) {
                continue;
            }
            List<Waypoint> points = List.copyOf(edge.getWaypoints());
            assertThat(points).as(flow.getId() + " waypoints").hasSizeGreaterThanOrEqualTo(2);
            assertThat(touches(shapeOf(flow.getSource()).getBounds(), points.get(0)))
                    .as(flow.getId() + " starts at " + flow.getSource().getId()).isTrue();
            assertThat(touches(shapeOf(flow.getTarget()).getBounds(), points.get(points.size() - 1)))
                    .as(flow.getId() + " ends at " + flow.getTarget().getId()).isTrue();
        }
    }

    private static BpmnShape shapeOf(FlowNode node) {
        return model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement() == node).findFirst().orElseThrow();
    }

    /** Whether {@code inner} is drawn on {@code outer} by design: a boundary event on its host, or a subprocess's child. */
    private static boolean nested(BpmnShape outer, BpmnShape inner) {
        if (inner.getBpmnElement() instanceof BoundaryEvent boundary && boundary.getAttachedTo() == outer.getBpmnElement()) {
            return true;
        }
        for (ModelElementInstance parent = inner.getBpmnElement().getParentElement(); parent != null;
                parent = parent.getParentElement()) {
            if (parent == outer.getBpmnElement()) {
                return contains(outer.getBounds(), inner.getBounds());
            }
        }
        return false;
    }

    private static boolean intersect(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
    }

    /** A waypoint on or within a shape's bounds, with the modelers' usual slack of a few pixels. */
    private static boolean touches(Bounds bounds, Waypoint point) {
        double slack = 5;
        return point.getX() >= bounds.getX() - slack && point.getX() <= bounds.getX() + bounds.getWidth() + slack
                && point.getY() >= bounds.getY() - slack && point.getY() <= bounds.getY() + bounds.getHeight() + slack;
    }

    @Test
    void externalTasksUseKebabCaseVerbObjectTopics() {
        assertThat(model.getModelElementsByType(ServiceTask.class))
                .allSatisfy(task -> {
                    assertThat(task.getOperatonType()).isEqualTo("external");
                    assertThat(task.getOperatonTopic()).matches("[a-z]+(-[a-z]+)+");
                })
                .extracting(ServiceTask::getOperatonTopic)
                .contains("evaluate-eligibility", "hold-follow-up-visit", "charge-payment", "refund-payment",
                        "schedule-visit", "reschedule-visit", "record-rx", "quote-pharmacy-prices", "submit-erx", "reship-order",
                        "cancel-order", "notify-patient");
    }

    @Test
    void everyErrorMessageAndTimerIsDeclaredAndNamedAndNoDurationIsWrittenIntoTheModel() {
        assertThat(model.getModelElementsByType(Error.class)).isNotEmpty()
                .allSatisfy(error -> assertThat(error.getErrorCode()).matches("[A-Z]+(_[A-Z]+)*"))
                .allSatisfy(error -> assertThat(error.getName()).isNotBlank());
        assertThat(model.getModelElementsByType(Message.class)).isNotEmpty()
                .allSatisfy(message -> assertThat(message.getName()).matches("[a-z]+\\.[a-z]+(-[a-z]+)*"));
        assertThat(model.getModelElementsByType(TimerEventDefinition.class)).hasSize(4)
                .allSatisfy(timer -> assertThat(timer.getTimeDuration().getTextContent())
                        .as("timer durations come from configuration").startsWith("${journeyTimers."));
    }

    @Test
    void humanTasksGoToTheStaffGroups() {
        assertThat(model.getModelElementsByType(UserTask.class))
                .extracting(UserTask::getId, UserTask::getOperatonCandidateGroups)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("UserTask_ReviewEligibility", "clinicians"),
                        org.assertj.core.groups.Tuple.tuple("UserTask_AssignProvider", "care-ops"),
                        org.assertj.core.groups.Tuple.tuple("UserTask_ResolveErxRejection", "pharmacists"),
                        org.assertj.core.groups.Tuple.tuple("UserTask_ResolveDelivery", "care-ops"));
    }

    @Test
    void theChargeIsCompensatedByTheRefundAndEveryCompensationThrowWaitsForIt() {
        ServiceTask refund = model.getModelElementById("Task_RefundPayment");
        assertThat(refund.isForCompensation()).isTrue();
        assertThat(model.getModelElementsByType(CompensateEventDefinition.class))
                .filteredOn(definition -> definition.getParentElement() instanceof ThrowEvent)
                .hasSize(4)
                .allSatisfy(definition -> assertThat(definition.isWaitForCompletion()).isTrue());
    }

    @Test
    void theLastCycleBoughtEndsTheProgrammeAndOnlyTheOtherCyclesAskForTheNext() {
        ExclusiveGateway more = model.getModelElementById("Gateway_MoreCyclesBought");
        assertThat(more.getOutgoing()).extracting(flow -> flow.getTarget().getId(),
                        flow -> flow.getConditionExpression().getTextContent())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Event_FollowUpDue", "${journeyCycles.moreCyclesBought(execution)}"),
                        org.assertj.core.groups.Tuple.tuple("EndEvent_ProgrammeCompleted",
                                "${!journeyCycles.moreCyclesBought(execution)}"));
        assertThat(model.<FlowNode>getModelElementById("Gateway_Delivered").getOutgoing())
                .singleElement().satisfies(flow -> assertThat(flow.getTarget()).isSameAs(more));
    }

    @Test
    void aDeclinedChargeIsRetriedOnlyThroughTheDunningGatewayAndItsTimer() {
        BoundaryEvent declined = model.getModelElementById("BoundaryEvent_PaymentDeclined");
        assertThat(declined.getOutgoing()).singleElement()
                .satisfies(flow -> assertThat(flow.getTarget().getId()).isEqualTo("Gateway_ChargeRetryAllowed"));
        assertThat(model.<FlowNode>getModelElementById("Event_ChargeRetryDue").getOutgoing()).singleElement()
                .satisfies(flow -> assertThat(flow.getTarget().getId()).isEqualTo("Gateway_ChargeDue"));
        assertThat(model.<FlowNode>getModelElementById("Gateway_ChargeDue").getOutgoing()).singleElement()
                .satisfies(flow -> assertThat(flow.getTarget().getId()).isEqualTo("Task_ChargePayment"));
        assertThat(model.<FlowNode>getModelElementById("Gateway_ChargeRetryAllowed").getOutgoing())
                .extracting(flow -> flow.getTarget().getId())
                .containsExactlyInAnyOrder("Task_NotifyChargeRetry", "Task_NotifyPaymentDeclined");
    }

    /**
     * Flows meet only at a gateway (bpmnlint's {@code fake-join}): an activity or event with two incoming flows reads
     * as a join but starts once per token, so each merge is an explicit exclusive gateway.
     */
    @Test
    void flowsMeetOnlyAtAGateway() {
        assertThat(model.getModelElementsByType(FlowNode.class))
                .filteredOn(node -> !(node instanceof Gateway))
                .allSatisfy(node -> assertThat(node.getIncoming()).as(node.getId() + " incoming").hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void everyFlowNodeIsNamedForPeople() {
        assertThat(model.getModelElementsByType(FlowNode.class))
                .allSatisfy(node -> assertThat(node.getName()).as(node.getId()).isNotBlank());
    }
}
